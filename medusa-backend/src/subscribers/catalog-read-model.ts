/**
 * Keeps the storefront's catalog read model fresh: every product, variant, price, stock,
 * category, collection or translation change is posted, signed, to the storefront
 * (see src/lib/catalog-events.ts), which re-reads the affected products from the Store API.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { enqueueChange, eventsConfig } from "../lib/catalog-events"

const CRUD = ["created", "updated", "deleted"]
const ENTITIES = [
  "product",
  "product-variant",
  "product-category",
  "product-collection",
  "inventory-item",
  "inventory-level",
  "reservation-item",
  "pricing.price",
  "pricing.price-set",
  "pricing.price-list",
  "pricing.price-list-rule",
]

export default async function catalogReadModelHandler({ event, container }: SubscriberArgs<unknown>) {
  if (!eventsConfig()) return
  // Gathered for a moment and resolved together (a bulk write emits one event per record).
  enqueueChange(container, event.name, event.data, container.resolve(ContainerRegistrationKeys.LOGGER))
}

export const config: SubscriberConfig = {
  event: [...ENTITIES.flatMap((entity) => CRUD.map((action) => `${entity}.${action}`)), "translation.created", "translation.updated", "translation.deleted"],
  context: { subscriberId: "tob-catalog-read-model" },
}
