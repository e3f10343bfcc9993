/**
 * Create and update many inventory levels in one workflow run (POST /admin/stock-levels/batch,
 * used by the stock-feed sync).
 *
 * Medusa's own batchInventoryItemLevelsWorkflow does the same writes through the inventory module,
 * which costs ~2 ms of Node CPU per level updated (MikroORM entities and change sets, a `$or` of
 * every item/location pair, bignumber.js) and reads every level back for its compensation. Here the
 * updates are two set-based statements in one transaction (src/lib/stock-level-writes.ts), with a
 * compensation that puts the previous quantities back; the (rare) creates go through the module.
 * The run emits the same `inventory-level.created` / `inventory-level.updated` events, one `{id}`
 * per level, through the event bus, so subscribers (the storefront's catalog read model, the
 * caching module's invalidation) see the change exactly as from the standard route. Events are
 * released only when the whole run succeeded.
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
import { type PreviousLevel, restoreStockedQuantities, updateStockedQuantities } from "../lib/stock-level-writes"

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
    if (!levels.length) return new StepResponse([] as string[], [] as PreviousLevel[])
    const previous = await updateStockedQuantities(container, levels)
    return new StepResponse(
      previous.map((level) => level.id),
      previous
    )
  },
  async (previous: PreviousLevel[] | undefined, { container }) => {
    // A later step failed (e.g. a create): the updated levels get their previous quantities back.
    if (!previous?.length) return
    await restoreStockedQuantities(container, previous)
  }
)

export const writeStockLevelsWorkflow = createWorkflow(
  "tob-write-stock-levels",
  (input: WriteStockLevelsInput) => {
    const createInput = transform({ input }, ({ input }) => input.create)
    const updateInput = transform({ input }, ({ input }) => input.update)
    // Updates first: their compensation can undo them when a create fails after.
    const updated = updateStockLevelsStep(updateInput)
    const created = createStockLevelsStep(createInput)
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
