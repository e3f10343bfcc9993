/**
 * Signed change events for the storefront's catalog read model.
 *
 * Subscribers resolve what changed (a variant, a price, a stock level…) to the product ids whose
 * listing rows must be refreshed, then POST them to the storefront:
 *
 *   POST $TOB_EVENTS_URL
 *   x-tob-timestamp: <unix seconds>
 *   x-tob-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with $TOB_EVENTS_SECRET>
 *   {"event": "product-variant.updated", "product_ids": ["prod_…"], "full_refresh": false}
 *
 * When ids cannot be resolved (something was deleted, a category tree moved) the event asks for
 * a full refresh instead. A failed delivery is logged, retried twice, then left to the
 * storefront's periodic full refresh (the safety net).
 *
 * Events are gathered for BATCH_MS and resolved per event name with all their ids at once: a bulk
 * write (an import, an inventory sync of 10,000 levels) emits one event per record, and one query
 * plus one POST per record would keep Medusa busier than the write itself.
 */
import { createHmac, randomUUID } from "crypto"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type CatalogChange = { productIds: string[]; fullRefresh: boolean }

const TIMEOUT_MS = 3000
const SKIPPABLE_DELETES = new Set(["pricing.price", "pricing.price-set", "inventory-item", "inventory-level", "reservation-item"])
const TRANSLATED_PRODUCT_PARTS = new Set(["product", "product_variant", "product_option", "product_option_value"])
const RETRY_DELAYS_MS = [250, 1000]

export function eventsConfig(): { url: string; secret: string } | null {
  const url = (process.env.TOB_EVENTS_URL || "").trim()
  const secret = (process.env.TOB_EVENTS_SECRET || "").trim()
  return url && secret ? { url, secret } : null
}

export function sign(secret: string, timestamp: string, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")
}

function ids(data: unknown): string[] {
  const raw = (data as { id?: unknown } | undefined)?.id
  const list = Array.isArray(raw) ? raw : [raw]
  return list.filter((v): v is string => typeof v === "string" && v.length > 0)
}

function unique(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.length > 0))]
}

type Query = {
  graph: (config: Record<string, unknown>) => Promise<{ data: any[] }>
}

async function graph(query: Query, entity: string, fields: string[], filters: Record<string, unknown>) {
  const { data } = await query.graph({ entity, fields, filters })
  return data ?? []
}

async function productsOfVariants(query: Query, variantIds: string[]): Promise<string[]> {
  if (!variantIds.length) return []
  const rows = await graph(query, "product_variant", ["id", "product_id"], { id: variantIds })
  return unique(rows.map((v) => v.product_id))
}

async function productsOfInventoryItems(query: Query, itemIds: string[]): Promise<string[]> {
  if (!itemIds.length) return []
  const rows = await graph(query, "inventory_item", ["id", "variants.product_id"], { id: itemIds })
  return unique(rows.flatMap((item) => (item.variants ?? []).map((v: any) => v?.product_id)))
}

/**
 * Products of inventory levels, in one SQL query over the inventory level, Medusa's variant ↔
 * inventory item link and the variant (live rows only, as Query reads them). A stock sync emits one
 * `inventory-level.updated` per level: resolving 10,000 through Query hydrated ~30,000 ORM entities
 * (seconds of the Medusa process's CPU, while the sync still writes); this takes milliseconds. It
 * reads the tables as Medusa 2.21.2 lays them out (all modules in one database, the default);
 * tests/integration/test_medusa_stock_levels.py checks that a level's event reaches the listing.
 */
async function productsOfInventoryLevels(container: MedusaContainer, levelIds: string[]): Promise<string[]> {
  if (!levelIds.length) return []
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    `SELECT DISTINCT v.product_id
       FROM inventory_level l
       JOIN product_variant_inventory_item link
         ON link.inventory_item_id = l.inventory_item_id AND link.deleted_at IS NULL
       JOIN product_variant v ON v.id = link.variant_id AND v.deleted_at IS NULL
      WHERE l.id = ANY(?::text[]) AND l.deleted_at IS NULL`,
    [levelIds]
  )
  return unique(rows.map((row: { product_id: string | null }) => row.product_id))
}

async function productsOfPriceSets(query: Query, priceSetIds: string[]): Promise<string[]> {
  if (!priceSetIds.length) return []
  const rows = await graph(query, "price_set", ["id", "variant.product_id"], { id: priceSetIds })
  return unique(rows.map((set) => set.variant?.product_id))
}

/** Product ids touched by one Medusa event; fullRefresh when they cannot be known. */
export async function resolveChange(
  container: MedusaContainer,
  name: string,
  data: unknown
): Promise<CatalogChange> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY) as unknown as Query
  const eventIds = ids(data)
  const [entity, action] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf(".") + 1)]
  const found = (productIds: string[]): CatalogChange => {
    if (productIds.length) return { productIds, fullRefresh: false }
    // A deleted price, stock level or reservation can no longer be read; the same change also
    // emits an event we can resolve (product-variant.updated, inventory-level.updated), and the
    // periodic refresh repairs the rest. Anything else unresolvable: rebuild from Medusa.
    return { productIds: [], fullRefresh: !(action === "deleted" && SKIPPABLE_DELETES.has(entity)) }
  }

  switch (entity) {
    case "product":
      return { productIds: eventIds, fullRefresh: false }
    case "product-variant":
      return found(await productsOfVariants(query, eventIds))
    case "inventory-item":
      return found(await productsOfInventoryItems(query, eventIds))
    case "inventory-level":
      return found(await productsOfInventoryLevels(container, eventIds))
    case "reservation-item": {
      const items = await graph(query, "reservation_item", ["id", "inventory_item_id"], { id: eventIds })
      return found(await productsOfInventoryItems(query, unique(items.map((r) => r.inventory_item_id))))
    }
    case "pricing.price": {
      const prices = await graph(query, "price", ["id", "price_set_id"], { id: eventIds })
      return found(await productsOfPriceSets(query, unique(prices.map((p) => p.price_set_id))))
    }
    case "pricing.price-set":
      return found(await productsOfPriceSets(query, eventIds))
    case "product-collection": {
      if (action === "deleted") return { productIds: [], fullRefresh: true }
      const collections = await graph(query, "product_collection", ["id", "products.id"], { id: eventIds })
      const productIds = unique(collections.flatMap((c) => (c.products ?? []).map((p: any) => p?.id)))
      return { productIds, fullRefresh: false }
    }
    case "translation": {
      const rows = await graph(query, "translation", ["id", "reference", "reference_id"], { id: eventIds })
      const ofKind = (kind: string) => unique(rows.filter((r) => r.reference === kind).map((r) => r.reference_id))
      if (rows.some((r) => !TRANSLATED_PRODUCT_PARTS.has(r.reference))) return { productIds: [], fullRefresh: true }
      const options = ofKind("product_option").length
        ? await graph(query, "product_option", ["id", "product_id"], { id: ofKind("product_option") })
        : []
      const values = ofKind("product_option_value").length
        ? await graph(query, "product_option_value", ["id", "option.product_id"], { id: ofKind("product_option_value") })
        : []
      return found(
        unique([
          ...ofKind("product"),
          ...(await productsOfVariants(query, ofKind("product_variant"))),
          ...options.map((o) => o.product_id),
          ...values.map((v) => v.option?.product_id),
        ])
      )
    }
    default:
      // Categories (their tree decides which rows list under a parent), price lists (a sale
      // touches many variants) and anything else: rebuild from Medusa.
      return { productIds: [], fullRefresh: true }
  }
}

export async function postChange(event: string, change: CatalogChange, logger?: { warn: (m: string) => void }) {
  const config = eventsConfig()
  if (!config) return
  const body = JSON.stringify({
    id: randomUUID(),
    event,
    product_ids: change.productIds,
    full_refresh: change.fullRefresh,
  })
  for (let attempt = 0; ; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000).toString()
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-tob-timestamp": timestamp,
          "x-tob-signature": sign(config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      // 4xx: a bad secret or a rejected payload; retrying the same request cannot help.
      if (response.ok || (response.status >= 400 && response.status < 500)) {
        if (!response.ok) logger?.warn(`catalog event ${event} refused: HTTP ${response.status}`)
        return
      }
      throw new Error(`HTTP ${response.status}`)
    } catch (error) {
      if (attempt >= RETRY_DELAYS_MS.length) {
        logger?.warn(`catalog event ${event} not delivered (${String(error)}); the periodic refresh will repair it`)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]))
    }
  }
}

const BATCH_MS = 300
const IDS_PER_QUERY = 500
const IDS_PER_POST = 1000
type Logger = { warn: (m: string) => void }

// event name → ids seen in this window ("" when an event came without one)
const pending = new Map<string, Set<string>>()
let flushTimer: ReturnType<typeof setTimeout> | null = null

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Queue one Medusa event; the window's events are resolved and posted together. */
export function enqueueChange(container: MedusaContainer, name: string, data: unknown, logger?: Logger) {
  const seen = pending.get(name) ?? new Set<string>()
  const eventIds = ids(data)
  if (eventIds.length) eventIds.forEach((id) => seen.add(id))
  else seen.add("")
  pending.set(name, seen)
  if (!flushTimer) flushTimer = setTimeout(() => void flushChanges(container, logger), BATCH_MS)
}

export async function flushChanges(container: MedusaContainer, logger?: Logger) {
  flushTimer = null
  const batch = [...pending.entries()]
  pending.clear()
  const productIds = new Set<string>()
  let fullRefresh = false
  for (const [name, seen] of batch) {
    const known = [...seen].filter((id) => id)
    const groups: unknown[] = chunks(known, IDS_PER_QUERY).map((group) => ({ id: group }))
    if (seen.has("")) groups.push({})
    for (const data of groups) {
      try {
        const change = await resolveChange(container, name, data)
        change.productIds.forEach((id) => productIds.add(id))
        fullRefresh = fullRefresh || change.fullRefresh
      } catch (error) {
        logger?.warn(`catalog event ${name}: ${String(error)}; the periodic refresh will repair it`)
      }
    }
  }
  if (!productIds.size && !fullRefresh) return
  const names = batch.map(([name]) => name)
  const label = names.length === 1 ? names[0] : `${names[0]} (+${names.length - 1} more)`
  const posts = productIds.size ? chunks([...productIds], IDS_PER_POST) : [[]]
  for (const group of posts) {
    await postChange(label, { productIds: group, fullRefresh }, logger)
  }
}
