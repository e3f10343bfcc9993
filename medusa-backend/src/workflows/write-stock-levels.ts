/**
 * Create and update many inventory levels in one workflow run, through the inventory module
 * (POST /admin/stock-levels/batch, used by the stock-feed sync).
 *
 * Medusa's own batchInventoryItemLevelsWorkflow does the same writes but first reads every level
 * back for its compensation data and returns every written level in full (~600 KB a thousand),
 * which made it about 2.5 times slower per level here. This one writes each list in one module
 * call (one transaction), keeps only the ids, and emits the same `inventory-level.created` /
 * `inventory-level.updated` events, so subscribers (the storefront's catalog read model) see the
 * change exactly as from the standard route.
 */
import { InventoryLevelWorkflowEvents, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"

export type StockLevelWrite = { inventory_item_id: string; location_id: string; stocked_quantity: number }
export type WriteStockLevelsInput = { create: StockLevelWrite[]; update: StockLevelWrite[] }

export const createStockLevelsStep = createStep(
  "tob-create-stock-levels",
  async (levels: StockLevelWrite[], { container }) => {
    if (!levels.length) return new StepResponse([] as string[], [] as string[])
    const inventory = container.resolve(Modules.INVENTORY)
    const created = await inventory.createInventoryLevels(levels)
    const ids = created.map((level) => level.id)
    return new StepResponse(ids, ids)
  },
  async (ids: string[] | undefined, { container }) => {
    // A later step failed: the levels made here go again (none were stocked before).
    if (!ids?.length) return
    await container.resolve(Modules.INVENTORY).deleteInventoryLevels(ids)
  }
)

export const updateStockLevelsStep = createStep(
  "tob-update-stock-levels",
  async (levels: StockLevelWrite[], { container }) => {
    if (!levels.length) return new StepResponse([] as string[])
    const inventory = container.resolve(Modules.INVENTORY)
    const updated = await inventory.updateInventoryLevels(levels)
    return new StepResponse(updated.map((level) => level.id))
  }
  // No compensation: it is the last write, and one module call is one transaction.
)

export const writeStockLevelsWorkflow = createWorkflow(
  "tob-write-stock-levels",
  (input: WriteStockLevelsInput) => {
    const createInput = transform({ input }, ({ input }) => input.create)
    const updateInput = transform({ input }, ({ input }) => input.update)
    const created = createStockLevelsStep(createInput)
    const updated = updateStockLevelsStep(updateInput)
    const events = transform({ created, updated }, ({ created, updated }) => ({
      created: created.map((id) => ({ id })),
      updated: updated.map((id) => ({ id })),
    }))
    emitEventStep({ eventName: InventoryLevelWorkflowEvents.CREATED, data: events.created }).config({
      name: "emit-stock-levels-created",
    })
    emitEventStep({ eventName: InventoryLevelWorkflowEvents.UPDATED, data: events.updated }).config({
      name: "emit-stock-levels-updated",
    })
    return new WorkflowResponse(
      transform({ created, updated }, ({ created, updated }) => ({ created: created.length, updated: updated.length }))
    )
  }
)
