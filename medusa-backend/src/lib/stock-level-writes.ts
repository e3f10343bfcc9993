/**
 * Set-based writes of inventory levels' stocked quantities, for the stock-feed sync
 * (src/workflows/write-stock-levels.ts).
 *
 * Why SQL and not `updateInventoryLevels`: the inventory module builds a MikroORM entity, a change
 * set and bignumber.js values per level, and finds the levels with a `$or` of every item/location
 * pair; on this machine that is ~2 ms of Node CPU per level (20 s for 10,000), where the same
 * writes as two statements take ~0.1 s per thousand. The statements write exactly the columns the
 * module writes for a stocked-quantity update (`stocked_quantity`, its `raw_` twin in Medusa's own
 * BigNumber format, `updated_at`), on the module's tables as Medusa 2.21.2 lays them out, in one
 * transaction. Reserved and incoming quantities are never touched (as the module: reservations
 * own them). The inventory module keeps no cache of its own; the caching module (with REDIS_URL)
 * invalidates on the `inventory-level.updated` events the workflow emits, exactly as after
 * Medusa's own route. tests/integration/test_medusa_stock_levels.py compares the rows written here
 * with rows written by the module, so an upgrade that changes the layout fails loudly.
 */
import { BigNumber, ContainerRegistrationKeys, MedusaError, trimZeros } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type StockedQuantity = { inventory_item_id: string; location_id: string; stocked_quantity: number }

/** What a level was before an update: what the compensation puts back. */
export type PreviousLevel = {
  id: string
  stocked_quantity: string
  raw_stocked_quantity: unknown
  updated_at: Date
  written: string
  precision?: number
}

type Knex = any

/**
 * Medusa's stored form of a quantity, as its ORM property writes it on an update (`{"value": "12",
 * "precision": 20}`: trailing zeros trimmed, the row's precision kept).
 */
export function rawQuantity(quantity: number, precision?: number): unknown {
  const raw = new BigNumber(quantity, precision ? { precision } : undefined).raw as { value: string }
  return { ...raw, value: trimZeros(raw.value) }
}

function pairKey(itemId: string, locationId: string): string {
  return `${itemId}\u0000${locationId}`
}

/**
 * Set the stocked quantity of each (item, location) level, all or nothing: a pair with no live
 * level fails the whole call with Medusa's own NOT_FOUND message and writes nothing. Returns the
 * levels as they were (in input order) for the compensation and the events.
 */
export async function updateStockedQuantities(
  container: MedusaContainer,
  updates: StockedQuantity[]
): Promise<PreviousLevel[]> {
  if (!updates.length) return []
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  return await knex.transaction(async (trx: Knex) => {
    const items = updates.map((u) => u.inventory_item_id)
    const locations = updates.map((u) => u.location_id)
    // Lock the levels first: their previous values are then the ones this update replaces.
    const { rows } = await trx.raw(
      `SELECT l.id, l.inventory_item_id, l.location_id, l.stocked_quantity::text AS stocked_quantity,
              l.raw_stocked_quantity, l.updated_at
         FROM inventory_level l
         JOIN unnest(?::text[], ?::text[]) AS v(item_id, location_id)
           ON l.inventory_item_id = v.item_id AND l.location_id = v.location_id
        WHERE l.deleted_at IS NULL
        FOR UPDATE OF l`,
      [items, locations]
    )
    const found = new Map<string, any>(rows.map((row: any) => [pairKey(row.inventory_item_id, row.location_id), row]))
    const missing = updates.filter((u) => !found.has(pairKey(u.inventory_item_id, u.location_id)))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        missing.map((m) => `Item ${m.inventory_item_id} is not stocked at location ${m.location_id}`).join(", ")
      )
    }
    const previous: PreviousLevel[] = updates.map((u) => {
      const row = found.get(pairKey(u.inventory_item_id, u.location_id))
      return {
        id: row.id,
        stocked_quantity: row.stocked_quantity,
        raw_stocked_quantity: row.raw_stocked_quantity,
        updated_at: row.updated_at,
        written: String(u.stocked_quantity),
        precision: row.raw_stocked_quantity?.precision,
      }
    })
    await trx.raw(
      `UPDATE inventory_level l
          SET stocked_quantity = v.quantity, raw_stocked_quantity = v.raw, updated_at = now()
         FROM unnest(?::text[], ?::numeric[], ?::jsonb[]) AS v(id, quantity, raw)
        WHERE l.id = v.id`,
      [
        previous.map((p) => p.id),
        updates.map((u) => u.stocked_quantity),
        updates.map((u, n) => JSON.stringify(rawQuantity(u.stocked_quantity, previous[n].precision))),
      ]
    )
    return previous
  })
}

/**
 * Put back what `updateStockedQuantities` replaced (a later step of the workflow failed), in one
 * transaction. A level changed again since (another write won meanwhile) is left as it is.
 */
export async function restoreStockedQuantities(container: MedusaContainer, previous: PreviousLevel[]): Promise<void> {
  if (!previous.length) return
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await knex.raw(
    `UPDATE inventory_level l
        SET stocked_quantity = v.quantity, raw_stocked_quantity = v.raw, updated_at = v.updated_at
       FROM unnest(?::text[], ?::numeric[], ?::jsonb[], ?::timestamptz[], ?::numeric[])
            AS v(id, quantity, raw, updated_at, written)
      WHERE l.id = v.id AND l.stocked_quantity = v.written AND l.deleted_at IS NULL`,
    [
      previous.map((p) => p.id),
      previous.map((p) => p.stocked_quantity),
      previous.map((p) => JSON.stringify(p.raw_stocked_quantity)),
      previous.map((p) => new Date(p.updated_at).toISOString()),
      previous.map((p) => p.written),
    ]
  )
}
