/**
 * Password-reset requests: Medusa makes the token, the storefront writes the mail (in the
 * shopper's language, from `metadata.lang`). The event is posted, signed like the catalog events,
 * to the storefront's /api/shop/events next to TOB_EVENTS_URL.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { eventsConfig, sign } from "../lib/catalog-events"

type ResetData = { entity_id: string; actor_type: string; token: string; metadata?: Record<string, unknown> }

const TIMEOUT_MS = 5000
const RETRY_DELAYS_MS = [500, 2000]

export default async function passwordResetHandler({ event, container }: SubscriberArgs<ResetData>) {
  const config = eventsConfig()
  if (!config || event.data.actor_type !== "customer") return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const url = new URL("/api/shop/events", config.url).toString()
  const body = JSON.stringify({ event: event.name, data: event.data })
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000).toString()
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-tob-timestamp": timestamp,
          "x-tob-signature": sign(config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      if (response.ok) return
      logger.warn(`password reset mail: storefront answered ${response.status}`)
    } catch (error) {
      logger.warn(`password reset mail: ${String(error)}`)
    }
    if (attempt < RETRY_DELAYS_MS.length) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]))
  }
  logger.error("password reset mail: the storefront could not be reached; the shopper can ask again")
}

export const config: SubscriberConfig = {
  event: "auth.password_reset",
  context: { subscriberId: "tob-password-reset-mail" },
}
