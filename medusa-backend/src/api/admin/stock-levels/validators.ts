import { z } from "@medusajs/framework/zod"

/** Levels per request: a 10,000-SKU sync fits in one or two calls (~1 MB of JSON each). */
export const MAX_LEVELS = 10_000

export const AdminQueryStockLevels = z
  .object({
    // Only these SKUs; omitted: every inventory item that has one.
    skus: z.array(z.string().min(1)).max(100_000).optional(),
  })
  .strict()
export type AdminQueryStockLevelsType = z.infer<typeof AdminQueryStockLevels>

const Level = z
  .object({
    inventory_item_id: z.string().min(1),
    location_id: z.string().min(1),
    stocked_quantity: z.number().int().min(0),
  })
  .strict()

export const AdminBatchStockLevels = z
  .object({
    create: z.array(Level).default([]),
    update: z.array(Level).default([]),
  })
  .strict()
  .refine((body) => body.create.length + body.update.length <= MAX_LEVELS, {
    message: `at most ${MAX_LEVELS} levels per request`,
  })
  .superRefine((body, ctx) => {
    // One quantity per level: with two, which one wins would be an accident of the write.
    const seen = new Set<string>()
    for (const level of [...body.update, ...body.create]) {
      const key = `${level.inventory_item_id} at ${level.location_id}`
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", message: `level ${key} is given more than once` })
        return
      }
      seen.add(key)
    }
  })
export type AdminBatchStockLevelsType = z.infer<typeof AdminBatchStockLevels>
