/**
 * POST /admin/stock-levels/batch  {"create": [...], "update": [...]}
 *   each {inventory_item_id, location_id, stocked_quantity} → {"created": n, "updated": n}
 *
 * The stock-feed sync's writes: thousands of levels in one workflow run
 * (src/workflows/write-stock-levels.ts: set-based updates, creates through the inventory module,
 * Medusa's own inventory-level events). Unknown locations are refused before anything is written;
 * an item not stocked at an updated location fails the whole request (404), nothing written; a
 * level given twice is refused (400).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { writeStockLevelsWorkflow } from "../../../../workflows/write-stock-levels"
import type { AdminBatchStockLevelsType } from "../validators"

export const POST = async (req: MedusaRequest<AdminBatchStockLevelsType>, res: MedusaResponse) => {
  const { create, update } = req.validatedBody
  const locationIds = [...new Set([...create, ...update].map((level) => level.location_id))]
  if (locationIds.length) {
    const locations = await req.scope
      .resolve(Modules.STOCK_LOCATION)
      .listStockLocations({ id: locationIds }, { select: ["id"] })
    const known = new Set(locations.map((location) => location.id))
    const unknown = locationIds.filter((id) => !known.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown stock location(s): ${unknown.join(", ")}`)
    }
  }
  const { result } = await writeStockLevelsWorkflow(req.scope).run({ input: { create, update } })
  res.json(result)
}
