/**
 * POST /admin/stock-levels/query  {"skus"?: [...]}
 *   → {"inventory_items": [{id, sku, location_levels: [{inventory_item_id, location_id,
 *      stocked_quantity, reserved_quantity}]}], "count": n}
 *
 * Every inventory item with a SKU (or only the given SKUs) and its levels, in one answer: what
 * the stock-feed sync diffs against. A POST because a feed's SKU list does not fit in a URL.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readStockLevels } from "../../../../lib/stock-levels"
import type { AdminQueryStockLevelsType } from "../validators"

export const POST = async (req: MedusaRequest<AdminQueryStockLevelsType>, res: MedusaResponse) => {
  const items = await readStockLevels(req.scope, req.validatedBody.skus)
  res.json({ inventory_items: items, count: items.length })
}
