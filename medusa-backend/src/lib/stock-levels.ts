/**
 * Every inventory item's levels in one SQL query, for the stock-feed sync
 * (POST /admin/stock-levels/query).
 *
 * Why SQL and not the inventory module: listing 10,000 items with their levels through the module
 * or Query hydrates ~20,000 ORM entities with big-number fields, ~7 s of Medusa's CPU on this
 * machine under load, where this query takes ~0.2 s. It only reads: every write goes through the
 * inventory module (src/workflows/write-stock-levels.ts), which keeps its events and cache
 * invalidation. It reads the inventory module's own tables as Medusa 2.21.2 lays them out; the
 * integration test tests/integration/test_medusa_stock_levels.py compares its answer with the
 * standard /admin/inventory-items route, so a Medusa upgrade that changes them fails loudly.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type StockLevel = {
  inventory_item_id: string
  location_id: string
  stocked_quantity: number
  reserved_quantity: number
}
export type StockItem = { id: string; sku: string; location_levels: StockLevel[] }

type Row = {
  id: string
  sku: string
  location_id: string | null
  stocked_quantity: string | number | null
  reserved_quantity: string | number | null
}

/** Items with a SKU (only `skus` when given), ordered by id, each with its live levels. */
export async function readStockLevels(container: MedusaContainer, skus?: string[]): Promise<StockItem[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const query = knex("inventory_item as i")
    .leftJoin("inventory_level as l", function () {
      this.on("l.inventory_item_id", "=", "i.id").andOnNull("l.deleted_at")
    })
    .whereNull("i.deleted_at")
    .whereNotNull("i.sku")
    .select("i.id", "i.sku", "l.location_id", "l.stocked_quantity", "l.reserved_quantity")
    .orderBy(["i.id", "l.location_id"])
  if (skus) query.whereRaw("i.sku = any(?)", [skus])
  const rows: Row[] = await query
  const items: StockItem[] = []
  let current: StockItem | undefined
  for (const row of rows) {
    if (current?.id !== row.id) {
      current = { id: row.id, sku: row.sku, location_levels: [] }
      items.push(current)
    }
    if (row.location_id) {
      current.location_levels.push({
        inventory_item_id: row.id,
        location_id: row.location_id,
        stocked_quantity: Number(row.stocked_quantity ?? 0),
        reserved_quantity: Number(row.reserved_quantity ?? 0),
      })
    }
  }
  return items
}
