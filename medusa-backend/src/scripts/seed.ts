/**
 * Demo data for The Open Box / La Boîte Ouverte.
 *
 *   npx medusa exec ./src/scripts/seed.ts
 *
 * Idempotent: every record is looked up first (by handle, name, title or SKU)
 * and only what is missing is created, so a second run creates nothing and an
 * interrupted run is completed by the next one. Products are created one at a
 * time in the order of `seed-data.ts`, so `created_at` gives a stable
 * "newest first" order. The data itself lives in `seed-data.ts`.
 */
import type { ExecArgs, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  batchImageVariantsWorkflow,
  createApiKeysWorkflow,
  createCollectionsWorkflow,
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createTranslationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateProductVariantsWorkflow,
  updateStoresWorkflow,
  uploadFilesWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  CATEGORIES,
  COLLECTIONS,
  FR,
  FULFILLMENT_SET_NAME,
  GRADES,
  LOCALES,
  OPTION_TITLES,
  PRODUCTS,
  PUBLISHABLE_KEY_TITLE,
  REGIONS,
  SALES_CHANNEL_NAME,
  SHIPPING_OPTIONS,
  SHIPPING_PROFILE_NAME,
  STOCK_LOCATION_NAME,
  STORE_NAME,
  type ProductSeed,
  validateSeedData,
} from "./seed-data"
import { productSvg } from "./seed-images"

type Container = ExecArgs["container"]
type TranslationRow = {
  reference: string
  reference_id: string
  locale_code: string
  translations: Record<string, string>
}

const MANUAL_FULFILLMENT_PROVIDER = "manual_manual"
const MANUAL_PAYMENT_PROVIDER = "pp_system_default"
const IMAGE_DIR = "tob"

class Seeder {
  private readonly logger: Logger
  private readonly query: any
  private readonly link: any
  private readonly created: Record<string, number> = {}

  constructor(private readonly container: Container) {
    this.logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    this.query = container.resolve(ContainerRegistrationKeys.QUERY)
    this.link = container.resolve(ContainerRegistrationKeys.LINK)
  }

  private count(what: string, n = 1) {
    if (n > 0) this.created[what] = (this.created[what] ?? 0) + n
  }

  private module<T = any>(key: string): T {
    return this.container.resolve(key) as T
  }

  async run() {
    const started = Date.now()
    validateSeedData()

    const salesChannelId = await this.ensureSalesChannel()
    const regions = await this.ensureRegions()
    await this.ensureTaxRegions()
    const locationId = await this.ensureStockLocation(salesChannelId)
    const shippingProfileId = await this.ensureShippingProfile()
    await this.ensureShipping(locationId, shippingProfileId, regions)
    await this.ensurePublishableKey(salesChannelId)
    await this.ensureStore(salesChannelId, regions["ca"], locationId)
    const categories = await this.ensureCategories()
    const collections = await this.ensureCollections()
    await this.ensureProducts({ salesChannelId, shippingProfileId, categories, collections })
    await this.ensureProductDetails(locationId)

    const summary = Object.entries(this.created)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")
    this.logger.info(
      `Seed finished in ${((Date.now() - started) / 1000).toFixed(1)} s; created: ${summary || "nothing (already seeded)"}`
    )
  }

  // ── Store, channel, regions, taxes ────────────────────────────────────────

  private async ensureSalesChannel(): Promise<string> {
    const storeModule = this.module(Modules.STORE)
    const [store] = await storeModule.listStores()
    if (store?.default_sales_channel_id) return store.default_sales_channel_id
    const salesChannelModule = this.module(Modules.SALES_CHANNEL)
    const [existing] = await salesChannelModule.listSalesChannels({ name: SALES_CHANNEL_NAME })
    if (existing) return existing.id
    const { result } = await createSalesChannelsWorkflow(this.container).run({
      input: { salesChannelsData: [{ name: SALES_CHANNEL_NAME }] },
    })
    this.count("sales_channels")
    return result[0].id
  }

  private async ensureStore(salesChannelId: string, regionId: string, locationId: string) {
    const storeModule = this.module(Modules.STORE)
    const [store] = await storeModule.listStores(
      {},
      { relations: ["supported_currencies", "supported_locales"] }
    )
    const update: Record<string, unknown> = {}
    if (store.name !== STORE_NAME) update.name = STORE_NAME

    const wantCurrencies = [
      { currency_code: "cad", is_default: true },
      { currency_code: "usd", is_default: false },
    ]
    const haveCurrencies = (store.supported_currencies ?? [])
      .map((c: any) => `${c.currency_code}:${!!c.is_default}`)
      .sort()
      .join(",")
    const wantCurrencyKey = wantCurrencies
      .map((c) => `${c.currency_code}:${c.is_default}`)
      .sort()
      .join(",")
    if (haveCurrencies !== wantCurrencyKey) update.supported_currencies = wantCurrencies

    const haveLocales = (store.supported_locales ?? []).map((l: any) => l.locale_code).sort().join(",")
    if (haveLocales !== [...LOCALES].sort().join(",")) {
      update.supported_locales = LOCALES.map((locale_code) => ({ locale_code }))
    }
    if (store.default_sales_channel_id !== salesChannelId) update.default_sales_channel_id = salesChannelId
    if (store.default_region_id !== regionId) update.default_region_id = regionId
    if (store.default_location_id !== locationId) update.default_location_id = locationId

    if (Object.keys(update).length) {
      await updateStoresWorkflow(this.container).run({
        input: { selector: { id: store.id }, update: update as any },
      })
      this.count("store_updates")
      this.logger.info(`Store updated: ${Object.keys(update).join(", ")}`)
    }
  }

  /** Returns region ids by country code. */
  private async ensureRegions(): Promise<Record<string, string>> {
    const regionModule = this.module(Modules.REGION)
    const existing = await regionModule.listRegions({ name: REGIONS.map((r) => r.name) })
    const byName = new Map<string, any>(existing.map((r: any) => [r.name, r]))
    const missing = REGIONS.filter((r) => !byName.has(r.name))
    if (missing.length) {
      const { result } = await createRegionsWorkflow(this.container).run({
        input: {
          regions: missing.map((r) => ({
            name: r.name,
            currency_code: r.currency_code,
            countries: [r.country],
            payment_providers: [MANUAL_PAYMENT_PROVIDER],
          })),
        },
      })
      result.forEach((r: any) => byName.set(r.name, r))
      this.count("regions", result.length)
    }
    return Object.fromEntries(REGIONS.map((r) => [r.country, byName.get(r.name).id]))
  }

  private async ensureTaxRegions() {
    const taxModule = this.module(Modules.TAX)
    const existing = await taxModule.listTaxRegions({
      country_code: REGIONS.map((r) => r.country),
      parent_id: null,
    })
    const have = new Set(existing.map((t: any) => t.country_code))
    const missing = REGIONS.filter((r) => !have.has(r.country))
    if (!missing.length) return
    await createTaxRegionsWorkflow(this.container).run({
      input: missing.map((r) => ({
        country_code: r.country,
        provider_id: "tp_system",
        ...(r.tax ? { default_tax_rate: { name: r.tax.name, code: r.tax.code, rate: r.tax.rate } } : {}),
      })),
    })
    this.count("tax_regions", missing.length)
  }

  // ── Stock location, fulfillment, shipping ─────────────────────────────────

  private async ensureStockLocation(salesChannelId: string): Promise<string> {
    const stockLocationModule = this.module(Modules.STOCK_LOCATION)
    let [location] = await stockLocationModule.listStockLocations({ name: STOCK_LOCATION_NAME })
    if (!location) {
      const { result } = await createStockLocationsWorkflow(this.container).run({
        input: {
          locations: [
            {
              name: STOCK_LOCATION_NAME,
              address: {
                address_1: "5000 Rue Jean-Talon Ouest",
                city: "Montréal",
                province: "QC",
                postal_code: "H4P 1W9",
                country_code: "ca",
              },
            },
          ],
        },
      })
      location = result[0]
      this.count("stock_locations")
    }
    const {
      data: [linked],
    } = await this.query.graph({
      entity: "stock_location",
      fields: ["id", "fulfillment_providers.id", "sales_channels.id"],
      filters: { id: location.id },
    })
    if (!(linked?.fulfillment_providers ?? []).some((p: any) => p?.id === MANUAL_FULFILLMENT_PROVIDER)) {
      await this.link.create({
        [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
        [Modules.FULFILLMENT]: { fulfillment_provider_id: MANUAL_FULFILLMENT_PROVIDER },
      })
      this.count("links")
    }
    if (!(linked?.sales_channels ?? []).some((s: any) => s?.id === salesChannelId)) {
      await linkSalesChannelsToStockLocationWorkflow(this.container).run({
        input: { id: location.id, add: [salesChannelId] },
      })
      this.count("links")
    }
    return location.id
  }

  private async ensureShippingProfile(): Promise<string> {
    const fulfillmentModule = this.module(Modules.FULFILLMENT)
    const [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
    if (profile) return profile.id
    const { result } = await createShippingProfilesWorkflow(this.container).run({
      input: { data: [{ name: SHIPPING_PROFILE_NAME, type: "default" }] },
    })
    this.count("shipping_profiles")
    return result[0].id
  }

  private async ensureShipping(
    locationId: string,
    shippingProfileId: string,
    regions: Record<string, string>
  ) {
    const fulfillmentModule = this.module(Modules.FULFILLMENT)
    let [set] = await fulfillmentModule.listFulfillmentSets(
      { name: FULFILLMENT_SET_NAME },
      { relations: ["service_zones", "service_zones.geo_zones"] }
    )
    if (!set) {
      set = await fulfillmentModule.createFulfillmentSets({
        name: FULFILLMENT_SET_NAME,
        type: "shipping",
        service_zones: REGIONS.map((r) => ({
          name: r.name,
          geo_zones: [{ type: "country", country_code: r.country }],
        })),
      })
      this.count("fulfillment_sets")
    }
    const {
      data: [linked],
    } = await this.query.graph({
      entity: "stock_location",
      fields: ["id", "fulfillment_sets.id"],
      filters: { id: locationId },
    })
    if (!(linked?.fulfillment_sets ?? []).some((s: any) => s?.id === set.id)) {
      await this.link.create({
        [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
        [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
      })
      this.count("links")
    }

    const zoneByName = new Map<string, any>(set.service_zones.map((z: any) => [z.name, z]))
    const zoneIds = set.service_zones.map((z: any) => z.id)
    const existing = await fulfillmentModule.listShippingOptions({ service_zone_id: zoneIds })
    const have = new Set(existing.map((o: any) => `${o.service_zone_id}|${o.name}`))
    const toCreate: any[] = []
    for (const region of REGIONS) {
      const zone = zoneByName.get(region.name)
      if (!zone) throw new Error(`service zone ${region.name} missing in ${FULFILLMENT_SET_NAME}`)
      for (const option of SHIPPING_OPTIONS) {
        if (have.has(`${zone.id}|${option.name}`)) continue
        const amount = option.amounts[region.country]
        toCreate.push({
          name: option.name,
          price_type: "flat",
          provider_id: MANUAL_FULFILLMENT_PROVIDER,
          service_zone_id: zone.id,
          shipping_profile_id: shippingProfileId,
          type: { label: option.label, description: option.description, code: option.code },
          prices: [
            { currency_code: region.currency_code, amount },
            { region_id: regions[region.country], amount },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        })
      }
    }
    if (toCreate.length) {
      await createShippingOptionsWorkflow(this.container).run({ input: toCreate })
      this.count("shipping_options", toCreate.length)
    }
  }

  private async ensurePublishableKey(salesChannelId: string) {
    const apiKeyModule = this.module(Modules.API_KEY)
    let [key] = await apiKeyModule.listApiKeys({ title: PUBLISHABLE_KEY_TITLE, type: "publishable" })
    if (!key) {
      const { result } = await createApiKeysWorkflow(this.container).run({
        input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" }] },
      })
      key = result[0]
      this.count("api_keys")
    }
    const {
      data: [linked],
    } = await this.query.graph({
      entity: "api_key",
      fields: ["id", "sales_channels.id"],
      filters: { id: key.id },
    })
    if (!(linked?.sales_channels ?? []).some((s: any) => s?.id === salesChannelId)) {
      await linkSalesChannelsToApiKeyWorkflow(this.container).run({
        input: { id: key.id, add: [salesChannelId] },
      })
      this.count("links")
    }
  }

  // ── Categories and collections ────────────────────────────────────────────

  /** Returns category ids by handle. */
  private async ensureCategories(): Promise<Record<string, string>> {
    const productModule = this.module(Modules.PRODUCT)
    const existing = await productModule.listProductCategories({
      handle: CATEGORIES.map((c) => c.handle),
    })
    const byHandle = new Map<string, string>(existing.map((c: any) => [c.handle, c.id]))
    const missing = CATEGORIES.filter((c) => !byHandle.has(c.handle))
    if (missing.length) {
      const { result } = await createProductCategoriesWorkflow(this.container).run({
        input: {
          product_categories: missing.map((c) => ({
            name: c.name.en,
            handle: c.handle,
            description: c.description.en,
            is_active: true,
            is_internal: false,
          })),
        },
      })
      result.forEach((c: any) => byHandle.set(c.handle, c.id))
      this.count("categories", result.length)
    }
    await this.ensureTranslations(
      CATEGORIES.map((c) => ({
        reference: "product_category",
        reference_id: byHandle.get(c.handle)!,
        locale_code: FR,
        translations: { name: c.name.fr, description: c.description.fr },
      }))
    )
    return Object.fromEntries(byHandle)
  }

  /** Returns collection ids by handle. */
  private async ensureCollections(): Promise<Record<string, string>> {
    const productModule = this.module(Modules.PRODUCT)
    const existing = await productModule.listProductCollections({
      handle: COLLECTIONS.map((c) => c.handle),
    })
    const byHandle = new Map<string, string>(existing.map((c: any) => [c.handle, c.id]))
    const missing = COLLECTIONS.filter((c) => !byHandle.has(c.handle))
    if (missing.length) {
      const { result } = await createCollectionsWorkflow(this.container).run({
        input: { collections: missing.map((c) => ({ title: c.title.en, handle: c.handle })) },
      })
      result.forEach((c: any) => byHandle.set(c.handle, c.id))
      this.count("collections", result.length)
    }
    await this.ensureTranslations(
      COLLECTIONS.map((c) => ({
        reference: "product_collection",
        reference_id: byHandle.get(c.handle)!,
        locale_code: FR,
        translations: { title: c.title.fr },
      }))
    )
    return Object.fromEntries(byHandle)
  }

  // ── Products ──────────────────────────────────────────────────────────────

  private async uploadImages(p: ProductSeed): Promise<string[]> {
    const category = CATEGORIES.find((c) => c.handle === p.category)!
    const files = p.grades.map((grade) => ({
      filename: `${IMAGE_DIR}/${p.handle}-${grade}.svg`,
      mimeType: "image/svg+xml",
      access: "public" as const,
      content: Buffer.from(
        productSvg({ category, brand: p.brand, model: p.model, stars: GRADES[grade].stars }),
        "utf8"
      ).toString("base64"),
    }))
    const { result } = await uploadFilesWorkflow(this.container).run({ input: { files } })
    this.count("images", result.length)
    return result.map((f: any) => f.url)
  }

  private async ensureProducts(ctx: {
    salesChannelId: string
    shippingProfileId: string
    categories: Record<string, string>
    collections: Record<string, string>
  }) {
    const productModule = this.module(Modules.PRODUCT)
    const existing = await productModule.listProducts(
      { handle: PRODUCTS.map((p) => p.handle) },
      { select: ["id", "handle"], withDeleted: false }
    )
    const have = new Set(existing.map((p: any) => p.handle))
    const missing = PRODUCTS.filter((p) => !have.has(p.handle))
    if (!missing.length) return
    this.logger.info(`Creating ${missing.length} products…`)
    for (const p of missing) {
      const imageUrls = await this.uploadImages(p)
      const options = [
        {
          title: OPTION_TITLES.condition.en,
          values: p.grades.map((g) => GRADES[g].label.en),
        },
        ...(p.colors?.length
          ? [{ title: OPTION_TITLES.color.en, values: p.colors.map((c) => c[0]) }]
          : []),
      ]
      await createProductsWorkflow(this.container).run({
        input: {
          products: [
            {
              title: p.title.en,
              handle: p.handle,
              description: p.description.en,
              status: ProductStatus.PUBLISHED,
              weight: p.weight,
              metadata: p.metadata,
              category_ids: [ctx.categories[p.category]],
              collection_id: p.collection ? ctx.collections[p.collection] : undefined,
              shipping_profile_id: ctx.shippingProfileId,
              sales_channels: [{ id: ctx.salesChannelId }],
              thumbnail: imageUrls[0],
              images: imageUrls.map((url) => ({ url })),
              options,
              variants: p.variants.map((v) => ({
                title: v.title.en,
                sku: v.sku,
                manage_inventory: true,
                allow_backorder: false,
                weight: p.weight,
                options: v.options,
                prices: [
                  { currency_code: "cad", amount: v.prices.cad },
                  { currency_code: "usd", amount: v.prices.usd },
                ],
              })),
            },
          ],
        },
      })
      this.count("products")
      this.count("variants", p.variants.length)
    }
  }

  /**
   * Everything hanging off products that may be missing after an interrupted
   * run: French translations, inventory levels, variant images and thumbnails.
   */
  private async ensureProductDetails(locationId: string) {
    const { data: products } = await this.query.graph({
      entity: "product",
      fields: [
        "id",
        "handle",
        "images.id",
        "images.url",
        "options.id",
        "options.title",
        "options.values.id",
        "options.values.value",
        "variants.id",
        "variants.sku",
        "variants.thumbnail",
        "variants.inventory_items.inventory_item_id",
      ],
      filters: { handle: PRODUCTS.map((p) => p.handle) },
    })
    const byHandle = new Map<string, any>(products.map((p: any) => [p.handle, p]))

    const translations: TranslationRow[] = []
    const levels: { inventory_item_id: string; location_id: string; stocked_quantity: number }[] = []
    const imageLinks = new Map<string, string[]>() // image id → variant ids
    const thumbnails: { id: string; thumbnail: string }[] = []

    const inventoryModule = this.module(Modules.INVENTORY)
    const itemIds = products.flatMap((p: any) =>
      p.variants.flatMap((v: any) => (v.inventory_items ?? []).map((i: any) => i.inventory_item_id))
    )
    const existingLevels = itemIds.length
      ? await inventoryModule.listInventoryLevels({ location_id: locationId, inventory_item_id: itemIds })
      : []
    const stocked = new Set(existingLevels.map((l: any) => l.inventory_item_id))

    // `variant.images` falls back to all product images when a variant has no
    // image of its own, so read the real image ↔ variant links from the images.
    const productModule = this.module(Modules.PRODUCT)
    const images = products.length
      ? await productModule.listProductImages(
          { product_id: products.map((p: any) => p.id) },
          { relations: ["variants"] }
        )
      : []
    const variantsWithImage = new Set(
      images.flatMap((img: any) => (img.variants ?? []).map((v: any) => v.id))
    )

    for (const seed of PRODUCTS) {
      const product = byHandle.get(seed.handle)
      if (!product) throw new Error(`product ${seed.handle} was not created`)
      translations.push({
        reference: "product",
        reference_id: product.id,
        locale_code: FR,
        translations: { title: seed.title.fr, description: seed.description.fr },
      })
      const frOptionTitle: Record<string, string> = {
        [OPTION_TITLES.condition.en]: OPTION_TITLES.condition.fr,
        [OPTION_TITLES.color.en]: OPTION_TITLES.color.fr,
      }
      const frValue: Record<string, string> = {}
      for (const g of Object.values(GRADES)) frValue[g.label.en] = g.label.fr
      for (const c of seed.colors ?? []) frValue[c[0]] = c[1]
      for (const option of product.options) {
        if (frOptionTitle[option.title]) {
          translations.push({
            reference: "product_option",
            reference_id: option.id,
            locale_code: FR,
            translations: { title: frOptionTitle[option.title] },
          })
        }
        for (const value of option.values ?? []) {
          if (frValue[value.value]) {
            translations.push({
              reference: "product_option_value",
              reference_id: value.id,
              locale_code: FR,
              translations: { value: frValue[value.value] },
            })
          }
        }
      }
      const variantsBySku = new Map<string, any>(product.variants.map((v: any) => [v.sku, v]))
      for (const vSeed of seed.variants) {
        const variant = variantsBySku.get(vSeed.sku)
        if (!variant) throw new Error(`variant ${vSeed.sku} of ${seed.handle} is missing`)
        translations.push({
          reference: "product_variant",
          reference_id: variant.id,
          locale_code: FR,
          translations: { title: vSeed.title.fr },
        })
        for (const item of variant.inventory_items ?? []) {
          if (!stocked.has(item.inventory_item_id)) {
            levels.push({
              inventory_item_id: item.inventory_item_id,
              location_id: locationId,
              stocked_quantity: vSeed.quantity,
            })
          }
        }
        const image = (product.images ?? []).find((img: any) =>
          img.url.endsWith(`-${seed.handle}-${vSeed.grade}.svg`)
        )
        if (image && !variantsWithImage.has(variant.id)) {
          imageLinks.set(image.id, [...(imageLinks.get(image.id) ?? []), variant.id])
        }
        if (image && !variant.thumbnail) thumbnails.push({ id: variant.id, thumbnail: image.url })
      }
    }

    await this.ensureTranslations(translations)

    if (levels.length) {
      await createInventoryLevelsWorkflow(this.container).run({ input: { inventory_levels: levels } })
      this.count("inventory_levels", levels.length)
    }
    for (const [imageId, variantIds] of imageLinks) {
      await batchImageVariantsWorkflow(this.container).run({
        input: { image_id: imageId, add: variantIds },
      })
      this.count("variant_image_links", variantIds.length)
    }
    if (thumbnails.length) {
      await updateProductVariantsWorkflow(this.container).run({
        input: { product_variants: thumbnails },
      })
      this.count("variant_thumbnails", thumbnails.length)
    }
  }

  // ── Translations ──────────────────────────────────────────────────────────

  /** Creates the rows whose (reference_id, locale) has no translation yet. */
  private async ensureTranslations(rows: TranslationRow[]) {
    if (!rows.length) return
    const translationModule = this.module(Modules.TRANSLATION)
    const existing = await translationModule.listTranslations(
      { reference_id: rows.map((r) => r.reference_id), locale_code: FR },
      { select: ["id", "reference_id", "locale_code"] }
    )
    const have = new Set(existing.map((t: any) => `${t.reference_id}|${t.locale_code}`))
    const missing = rows.filter((r) => !have.has(`${r.reference_id}|${r.locale_code}`))
    for (let i = 0; i < missing.length; i += 500) {
      await createTranslationsWorkflow(this.container).run({
        input: { translations: missing.slice(i, i + 500) },
      })
    }
    this.count("translations", missing.length)
  }
}

export default async function seedDemoData({ container }: ExecArgs) {
  await new Seeder(container).run()
}
