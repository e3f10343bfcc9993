/**
 * The demo catalog of The Open Box / La Boîte Ouverte, as plain data.
 *
 * `seed.ts` turns this into Medusa records. Everything here is deterministic:
 * prices, stock and SKUs are derived from the table below with integer (cent)
 * arithmetic, never randomness. Only public facts go into metadata (brand,
 * model, dimensions): costs and floor prices live in the app's own tables.
 */

export const STORE_NAME = "The Open Box / La Boîte Ouverte"
export const PUBLISHABLE_KEY_TITLE = "TOB storefront"
export const SALES_CHANNEL_NAME = "Default Sales Channel"
export const STOCK_LOCATION_NAME = "Montréal warehouse"
export const FULFILLMENT_SET_NAME = "Montréal warehouse shipping"
export const SHIPPING_PROFILE_NAME = "Default Shipping Profile"
export const FR = "fr-CA"
export const LOCALES = ["en-CA", "fr-CA"]

export type Bilingual = { en: string; fr: string }

export const REGIONS = [
  { name: "Canada", currency_code: "cad", country: "ca", tax: { name: "GST", code: "GST", rate: 5 } },
  { name: "United States", currency_code: "usd", country: "us", tax: null },
] as const

/** Flat shipping prices, per region (major units of the region's currency). */
export const SHIPPING_OPTIONS = [
  {
    name: "Standard shipping",
    code: "standard",
    label: "Standard",
    description: "Delivered in 3–7 business days.",
    amounts: { ca: 15, us: 19 },
  },
  {
    name: "Express shipping",
    code: "express",
    label: "Express",
    description: "Delivered in 1–2 business days.",
    amounts: { ca: 35, us: 45 },
  },
] as const

export type CategorySeed = {
  handle: string
  name: Bilingual
  description: Bilingual
  /** Illustration colour for the generated product images. */
  color: string
  icon: "fridge" | "washer" | "headphones" | "laptop" | "tv" | "kettle" | "chair" | "phone"
}

export const CATEGORIES: CategorySeed[] = [
  {
    handle: "kitchen-appliances",
    name: { en: "Kitchen appliances", fr: "Électroménagers de cuisine" },
    description: {
      en: "Open-box dishwashers, ranges, refrigerators and more, inspected and tested.",
      fr: "Lave-vaisselle, cuisinières, réfrigérateurs et plus, en boîte ouverte, inspectés et testés.",
    },
    color: "#1D6F8A",
    icon: "fridge",
  },
  {
    handle: "laundry",
    name: { en: "Laundry", fr: "Buanderie" },
    description: {
      en: "Washers, dryers and laundry accessories from returns and showrooms.",
      fr: "Laveuses, sécheuses et accessoires de buanderie issus de retours et de salles d'exposition.",
    },
    color: "#5A4FCF",
    icon: "washer",
  },
  {
    handle: "audio",
    name: { en: "Audio", fr: "Audio" },
    description: {
      en: "Headphones, speakers, soundbars and hi-fi gear, checked by our technicians.",
      fr: "Casques, haut-parleurs, barres de son et équipement hi-fi, vérifiés par nos techniciens.",
    },
    color: "#C2185B",
    icon: "headphones",
  },
  {
    handle: "computers-tablets",
    name: { en: "Computers & tablets", fr: "Ordinateurs et tablettes" },
    description: {
      en: "Laptops, tablets, desktops and accessories, wiped and reset to factory settings.",
      fr: "Portables, tablettes, ordinateurs de bureau et accessoires, effacés et réinitialisés.",
    },
    color: "#2E7D32",
    icon: "laptop",
  },
  {
    handle: "tv-home-theatre",
    name: { en: "TV & home theatre", fr: "Télé et cinéma maison" },
    description: {
      en: "TVs, projectors, streaming players and wall mounts, panel-tested for dead pixels.",
      fr: "Téléviseurs, projecteurs, lecteurs multimédias et supports muraux, écrans testés pixel par pixel.",
    },
    color: "#E65100",
    icon: "tv",
  },
  {
    handle: "small-appliances",
    name: { en: "Small appliances", fr: "Petits électroménagers" },
    description: {
      en: "Coffee machines, blenders, air fryers and vacuums, cleaned and tested.",
      fr: "Cafetières, mélangeurs, friteuses à air et aspirateurs, nettoyés et testés.",
    },
    color: "#8D5A2B",
    icon: "kettle",
  },
  {
    handle: "furniture",
    name: { en: "Furniture", fr: "Mobilier" },
    description: {
      en: "Chairs, desks, sofas and storage from showroom floors and returns.",
      fr: "Chaises, bureaux, canapés et rangement issus de salles d'exposition et de retours.",
    },
    color: "#00897B",
    icon: "chair",
  },
  {
    handle: "phones-wearables",
    name: { en: "Phones & wearables", fr: "Téléphones et objets connectés" },
    description: {
      en: "Unlocked phones, smartwatches and fitness trackers, battery health checked.",
      fr: "Téléphones déverrouillés, montres intelligentes et bracelets d'activité, batterie vérifiée.",
    },
    color: "#37474F",
    icon: "phone",
  },
]

export const COLLECTIONS: { handle: string; title: Bilingual }[] = [
  { handle: "staff-favourites", title: { en: "Staff favourites", fr: "Coups de cœur de l'équipe" } },
  { handle: "like-new-picks", title: { en: "Like-new picks", fr: "Sélection comme neuf" } },
  { handle: "under-200", title: { en: "Under $200", fr: "Moins de 200 $" } },
]

export type Grade = "like-new" | "good" | "fair"

export const GRADES: Record<Grade, { code: string; label: Bilingual; factor: number; stars: number }> = {
  "like-new": { code: "LN", label: { en: "Like new", fr: "Comme neuf" }, factor: 1, stars: 3 },
  good: { code: "GD", label: { en: "Good", fr: "Bon" }, factor: 0.88, stars: 2 },
  fair: { code: "FR", label: { en: "Fair", fr: "Passable" }, factor: 0.76, stars: 1 },
}

export const OPTION_TITLES = {
  condition: { en: "Condition", fr: "État" },
  color: { en: "Color", fr: "Couleur" },
}

const GRADE_TEXT: Record<Grade, Bilingual> = {
  "like-new": {
    en: "Like new: no visible marks; opened, inspected and complete with every original accessory.",
    fr: "Comme neuf : aucune marque visible; ouvert, inspecté et complet avec tous les accessoires d'origine.",
  },
  good: {
    en: "Good: light scratches or scuffs you barely see at arm's length; fully functional.",
    fr: "Bon : légères égratignures ou éraflures à peine visibles à bout de bras; entièrement fonctionnel.",
  },
  fair: {
    en: "Fair: visible marks or small dents, packaging may be missing; tested and fully functional.",
    fr: "Passable : marques visibles ou petites bosses, emballage parfois manquant; testé et entièrement fonctionnel.",
  },
}

const WARRANTY: Bilingual = {
  en: "Every unit is tested by our technicians and covered by a 90-day The Open Box warranty.",
  fr: "Chaque article est testé par nos techniciens et couvert par une garantie La Boîte Ouverte de 90 jours.",
}

/** [English, French, hex] */
type Color = [string, string, string]

type Row = {
  handle: string
  brand: string
  model: string
  title: Bilingual
  category: string
  collection?: string
  /** Like-new price in CAD (major units); other grades and USD derive from it. */
  price: number
  grades: Grade[]
  colors?: Color[]
  /** grams */
  weight: number
  dimensions: string
  blurb: Bilingual
  /** What "open box" means for this particular product. */
  note: Bilingual
  soldOut?: boolean
}

const LN: Grade = "like-new"
const GD: Grade = "good"
const FA: Grade = "fair"
const ALL: Grade[] = [LN, GD, FA]

const ROWS: Row[] = [
  // ── Kitchen appliances ────────────────────────────────────────────────────
  {
    handle: "bosch-300-series-dishwasher", brand: "Bosch", model: "SHE53C85N",
    title: { en: "Bosch 300 Series dishwasher", fr: "Lave-vaisselle Bosch Série 300" },
    category: "kitchen-appliances", collection: "staff-favourites", price: 1149.99, grades: ALL,
    colors: [["Stainless steel", "Acier inoxydable", "#B0B7BD"], ["Black", "Noir", "#222222"]],
    weight: 36000, dimensions: "60 × 86 × 58 cm",
    blurb: {
      en: "Quiet 44 dBA built-in dishwasher with a third rack and PrecisionWash.",
      fr: "Lave-vaisselle encastrable silencieux de 44 dBA avec troisième panier et PrecisionWash.",
    },
    note: {
      en: "Returned after a kitchen renovation changed size; packaging opened, door panel may show handling marks.",
      fr: "Retourné après un changement de dimensions lors d'une rénovation; emballage ouvert, la porte peut porter des marques de manutention.",
    },
  },
  {
    handle: "lg-french-door-refrigerator", brand: "LG", model: "LRFXS2503S",
    title: { en: "LG 25 cu. ft. French-door refrigerator", fr: "Réfrigérateur à portes françaises LG 25 pi³" },
    category: "kitchen-appliances", price: 2899.99, grades: ALL,
    weight: 140000, dimensions: "91 × 178 × 86 cm",
    blurb: {
      en: "Smart cooling, an ice maker and a spacious door-in-door design.",
      fr: "Refroidissement intelligent, machine à glaçons et grande porte dans la porte.",
    },
    note: {
      en: "Showroom display unit; side panels may carry minor scuffs from the sales floor.",
      fr: "Modèle d'exposition; les panneaux latéraux peuvent avoir de légères éraflures.",
    },
  },
  {
    handle: "samsung-smart-electric-range", brand: "Samsung", model: "NE63A6511SS",
    title: { en: "Samsung 6.3 cu. ft. smart electric range", fr: "Cuisinière électrique intelligente Samsung 6,3 pi³" },
    category: "kitchen-appliances", price: 1234.5, grades: [LN, GD],
    weight: 68000, dimensions: "76 × 119 × 71 cm",
    blurb: {
      en: "Air-fry mode, convection baking and Wi-Fi control from your phone.",
      fr: "Mode friture à air, cuisson par convection et contrôle Wi-Fi depuis votre téléphone.",
    },
    note: {
      en: "Customer return, never installed; the box was opened for inspection.",
      fr: "Retour client, jamais installée; la boîte a été ouverte pour l'inspection.",
    },
  },
  {
    handle: "frigidaire-gallery-wall-oven", brand: "Frigidaire", model: "GCWS3067AF",
    title: { en: "Frigidaire Gallery 30\" single wall oven", fr: "Four mural simple Frigidaire Gallery 30 po" },
    category: "kitchen-appliances", price: 2149, grades: [GD, FA],
    weight: 75000, dimensions: "76 × 74 × 62 cm",
    blurb: {
      en: "Total Convection with air fry and a self-cleaning cycle.",
      fr: "Convection totale avec friture à air et cycle autonettoyant.",
    },
    note: {
      en: "Scratch-and-dent unit: cosmetic marks on the trim that disappear once installed.",
      fr: "Article égratigné-bosselé : marques esthétiques sur la garniture qui disparaissent une fois encastré.",
    },
  },
  {
    handle: "whirlpool-over-the-range-microwave", brand: "Whirlpool", model: "WMH31017HS",
    title: { en: "Whirlpool over-the-range microwave", fr: "Four à micro-ondes à hotte intégrée Whirlpool" },
    category: "kitchen-appliances", price: 449.99, grades: ALL,
    weight: 23000, dimensions: "76 × 42 × 39 cm",
    blurb: {
      en: "1.7 cu. ft. capacity with a 300 CFM vent fan and sensor cooking.",
      fr: "Capacité de 1,7 pi³, ventilateur de 300 pi³/min et cuisson par capteur.",
    },
    note: {
      en: "Returned unused; installation template and mounting hardware included.",
      fr: "Retourné inutilisé; gabarit d'installation et quincaillerie de montage inclus.",
    },
  },
  {
    handle: "ge-profile-induction-cooktop", brand: "GE Profile", model: "PHP9030DTBB",
    title: { en: "GE Profile 30\" induction cooktop", fr: "Table de cuisson à induction GE Profile 30 po" },
    category: "kitchen-appliances", collection: "like-new-picks", price: 1899.99, grades: [LN],
    weight: 19000, dimensions: "76 × 6 × 53 cm",
    blurb: {
      en: "Four induction zones with a bridge element and precise simmer control.",
      fr: "Quatre zones à induction avec élément pont et mijotage précis.",
    },
    note: {
      en: "Opened box only; the glass top still has its protective film.",
      fr: "Boîte ouverte seulement; le dessus en verre a encore sa pellicule protectrice.",
    },
  },
  {
    handle: "kitchenaid-third-rack-dishwasher", brand: "KitchenAid", model: "KDTM404KPS",
    title: { en: "KitchenAid 44 dBA dishwasher with third rack", fr: "Lave-vaisselle KitchenAid 44 dBA avec troisième panier" },
    category: "kitchen-appliances", price: 1499.99, grades: [LN, GD], soldOut: true,
    weight: 41000, dimensions: "60 × 86 × 62 cm",
    blurb: {
      en: "FreeFlex third rack and a stainless tub for faster drying.",
      fr: "Troisième panier FreeFlex et cuve en inox pour un séchage plus rapide.",
    },
    note: {
      en: "Delivery refused because of a dented box; the appliance itself is untouched.",
      fr: "Livraison refusée à cause d'une boîte bosselée; l'appareil lui-même est intact.",
    },
  },
  {
    handle: "danby-compact-refrigerator", brand: "Danby", model: "DCR031B1BM",
    title: { en: "Danby 3.1 cu. ft. compact refrigerator", fr: "Réfrigérateur compact Danby 3,1 pi³" },
    category: "kitchen-appliances", price: 259.99, grades: ALL,
    weight: 22000, dimensions: "47 × 84 × 50 cm",
    blurb: {
      en: "Compact fridge with a small freezer section, ideal for a dorm or office.",
      fr: "Réfrigérateur compact avec petit congélateur, idéal pour une résidence ou un bureau.",
    },
    note: {
      en: "Student returns after one term; cleaned, deodorized and temperature-tested.",
      fr: "Retours d'étudiants après une session; nettoyés, désodorisés et testés en température.",
    },
  },
  {
    handle: "broan-nutone-range-hood", brand: "Broan-NuTone", model: "BCSD130SS",
    title: { en: "Broan-NuTone 30\" under-cabinet range hood", fr: "Hotte de cuisinière sous-armoire Broan-NuTone 30 po" },
    category: "kitchen-appliances", collection: "under-200", price: 189.99, grades: [GD, FA],
    weight: 8000, dimensions: "76 × 15 × 50 cm",
    blurb: {
      en: "Two-speed 270 CFM fan with LED lighting and a dishwasher-safe filter.",
      fr: "Ventilateur à deux vitesses de 270 pi³/min, éclairage DEL et filtre lavable au lave-vaisselle.",
    },
    note: {
      en: "Overstock with crushed packaging; small dents on the top surface that hide under a cabinet.",
      fr: "Surplus à l'emballage écrasé; petites bosses sur le dessus, cachées sous l'armoire.",
    },
  },
  // ── Laundry ────────────────────────────────────────────────────────────────
  {
    handle: "lg-front-load-washer", brand: "LG", model: "WM4000HWA",
    title: { en: "LG 5.8 cu. ft. front-load washer", fr: "Laveuse à chargement frontal LG 5,8 pi³" },
    category: "laundry", price: 1349.99, grades: ALL,
    colors: [["White", "Blanc", "#F2F2F2"], ["Black steel", "Acier noir", "#3A3A3A"]],
    weight: 92000, dimensions: "69 × 99 × 79 cm",
    blurb: {
      en: "TurboWash 360 and AI fabric sensing for a full load in under 40 minutes.",
      fr: "TurboWash 360 et détection des tissus par IA pour une brassée complète en moins de 40 minutes.",
    },
    note: {
      en: "Returned within 30 days; drum cleaned and a full test cycle run in our shop.",
      fr: "Retournée dans les 30 jours; tambour nettoyé et cycle d'essai complet en atelier.",
    },
  },
  {
    handle: "lg-electric-dryer", brand: "LG", model: "DLEX4000W",
    title: { en: "LG 7.4 cu. ft. electric dryer", fr: "Sécheuse électrique LG 7,4 pi³" },
    category: "laundry", price: 1199.99, grades: [LN, GD],
    weight: 60000, dimensions: "69 × 99 × 76 cm",
    blurb: {
      en: "TurboSteam refreshes clothes and reduces wrinkles; sensor dry saves energy.",
      fr: "TurboSteam rafraîchit les vêtements et réduit les plis; le séchage par capteur économise l'énergie.",
    },
    note: {
      en: "Floor model from our Laval showroom; never connected to power by a customer.",
      fr: "Modèle de plancher de notre salle d'exposition de Laval; jamais branché chez un client.",
    },
  },
  {
    handle: "samsung-top-load-washer", brand: "Samsung", model: "WA54R7200AW",
    title: { en: "Samsung 5.4 cu. ft. top-load washer", fr: "Laveuse à chargement vertical Samsung 5,4 pi³" },
    category: "laundry", price: 999.99, grades: [GD, FA],
    weight: 55000, dimensions: "70 × 112 × 73 cm",
    blurb: {
      en: "Active WaterJet built-in faucet for pre-treating stains.",
      fr: "Robinet intégré Active WaterJet pour prétraiter les taches.",
    },
    note: {
      en: "Scuffed lid and side panel from transport; mechanically perfect.",
      fr: "Couvercle et panneau latéral éraflés pendant le transport; mécaniquement parfaite.",
    },
  },
  {
    handle: "whirlpool-stacked-laundry-centre", brand: "Whirlpool", model: "WET4124HW",
    title: { en: "Whirlpool 24\" stacked laundry centre", fr: "Centre de lessive superposé Whirlpool 24 po" },
    category: "laundry", collection: "staff-favourites", price: 2299.99, grades: [LN],
    weight: 110000, dimensions: "61 × 183 × 68 cm",
    blurb: {
      en: "Washer and dryer in one slim tower for condos and small spaces.",
      fr: "Laveuse et sécheuse dans une tour mince pour condos et petits espaces.",
    },
    note: {
      en: "Order cancelled after delivery was booked; unit opened for inspection only.",
      fr: "Commande annulée après la prise de rendez-vous de livraison; unité ouverte pour l'inspection seulement.",
    },
  },
  {
    handle: "maytag-pet-pro-dryer", brand: "Maytag", model: "YMED6500MW",
    title: { en: "Maytag Pet Pro electric dryer", fr: "Sécheuse électrique Maytag Pet Pro" },
    category: "laundry", price: 1099.99, grades: ALL,
    weight: 58000, dimensions: "69 × 109 × 78 cm",
    blurb: {
      en: "Extra-large lint filter built to catch pet hair.",
      fr: "Très grand filtre à charpie conçu pour capter les poils d'animaux.",
    },
    note: {
      en: "Returned because the colour did not match the washer; fully inspected.",
      fr: "Retournée parce que la couleur ne correspondait pas à la laveuse; entièrement inspectée.",
    },
  },
  {
    handle: "electrolux-compact-washer", brand: "Electrolux", model: "ELFW4222AW",
    title: { en: "Electrolux 24\" compact front-load washer", fr: "Laveuse compacte à chargement frontal Electrolux 24 po" },
    category: "laundry", price: 1449.99, grades: [GD],
    weight: 70000, dimensions: "60 × 85 × 63 cm",
    blurb: {
      en: "LuxCare wash system in a stackable 24-inch footprint.",
      fr: "Système de lavage LuxCare dans un format superposable de 24 pouces.",
    },
    note: {
      en: "Display unit with a small scratch on the door ring.",
      fr: "Modèle d'exposition avec une petite égratignure sur le cadre de la porte.",
    },
  },
  {
    handle: "ge-portable-washer", brand: "GE", model: "GNW128PSMWW",
    title: { en: "GE 2.8 cu. ft. portable washer", fr: "Laveuse portative GE 2,8 pi³" },
    category: "laundry", price: 899, grades: [LN, GD],
    weight: 45000, dimensions: "61 × 96 × 66 cm",
    blurb: {
      en: "Connects to a kitchen faucet; rolls away on casters when you are done.",
      fr: "Se branche au robinet de cuisine; se range sur roulettes après usage.",
    },
    note: {
      en: "Customer return with the quick-connect adapter still sealed.",
      fr: "Retour client avec l'adaptateur à raccord rapide encore scellé.",
    },
  },
  {
    handle: "conair-extremesteam-garment-steamer", brand: "Conair", model: "GS38C",
    title: { en: "Conair ExtremeSteam garment steamer", fr: "Défroisseur à vapeur Conair ExtremeSteam" },
    category: "laundry", collection: "under-200", price: 89.99, grades: ALL,
    weight: 4000, dimensions: "33 × 150 × 30 cm",
    blurb: {
      en: "Upright steamer that heats up in 45 seconds, with a fabric brush.",
      fr: "Défroisseur vertical qui chauffe en 45 secondes, avec brosse à tissus.",
    },
    note: {
      en: "Tried once and returned; water tank drained and dried.",
      fr: "Essayé une fois puis retourné; réservoir vidé et séché.",
    },
  },
  {
    handle: "whirlpool-laundry-pedestal", brand: "Whirlpool", model: "WFP2715HW",
    title: { en: "Whirlpool 15.5\" laundry pedestal with drawer", fr: "Socle de lessive Whirlpool 15,5 po avec tiroir" },
    category: "laundry", price: 329.99, grades: [LN, GD],
    weight: 25000, dimensions: "69 × 39 × 71 cm",
    blurb: {
      en: "Raises your front-load pair to a comfortable height and adds storage.",
      fr: "Surélève vos appareils à chargement frontal et ajoute du rangement.",
    },
    note: {
      en: "Box damaged in the warehouse; drawer slides checked.",
      fr: "Boîte endommagée à l'entrepôt; glissières du tiroir vérifiées.",
    },
  },
  // ── Audio ──────────────────────────────────────────────────────────────────
  {
    handle: "sony-wh-1000xm5-headphones", brand: "Sony", model: "WH-1000XM5",
    title: { en: "Sony WH-1000XM5 headphones", fr: "Casque d'écoute Sony WH-1000XM5" },
    category: "audio", collection: "staff-favourites", price: 449.99, grades: ALL,
    colors: [["Black", "Noir", "#1E1E1E"], ["Silver", "Argent", "#C9C9C9"]],
    weight: 900, dimensions: "22 × 27 × 8 cm",
    blurb: {
      en: "Industry-leading noise cancelling with 30-hour battery life.",
      fr: "Réduction de bruit de pointe et autonomie de 30 heures.",
    },
    note: {
      en: "Returned within the trial period; ear pads sanitized and firmware updated.",
      fr: "Retourné pendant la période d'essai; coussinets désinfectés et micrologiciel mis à jour.",
    },
  },
  {
    handle: "bose-quietcomfort-ultra-earbuds", brand: "Bose", model: "882826-0010",
    title: { en: "Bose QuietComfort Ultra earbuds", fr: "Écouteurs-boutons Bose QuietComfort Ultra" },
    category: "audio", price: 379, grades: [LN, GD],
    weight: 300, dimensions: "7 × 6 × 3 cm",
    blurb: {
      en: "Immersive audio and CustomTune noise cancelling in a pocketable case.",
      fr: "Audio immersif et réduction de bruit CustomTune dans un étui de poche.",
    },
    note: {
      en: "New ear tips in every size; the charging case may show light wear.",
      fr: "Embouts neufs de toutes les tailles; l'étui de recharge peut montrer une légère usure.",
    },
  },
  {
    handle: "sonos-arc-soundbar", brand: "Sonos", model: "ARCG1US1BLK",
    title: { en: "Sonos Arc soundbar", fr: "Barre de son Sonos Arc" },
    category: "audio", price: 1199, grades: [LN, GD],
    colors: [["Black", "Noir", "#1E1E1E"], ["White", "Blanc", "#F2F2F2"]],
    weight: 9000, dimensions: "114 × 9 × 12 cm",
    blurb: {
      en: "Dolby Atmos soundbar with eleven drivers and voice control.",
      fr: "Barre de son Dolby Atmos à onze haut-parleurs avec commande vocale.",
    },
    note: {
      en: "Returned after a TV upgrade; grille inspected, factory reset done.",
      fr: "Retournée après un changement de téléviseur; grille inspectée, réinitialisation d'usine faite.",
    },
  },
  {
    handle: "jbl-charge-5-speaker", brand: "JBL", model: "JBLCHARGE5BLK",
    title: { en: "JBL Charge 5 portable speaker", fr: "Haut-parleur portatif JBL Charge 5" },
    category: "audio", collection: "under-200", price: 199.99, grades: [GD, FA],
    weight: 1200, dimensions: "22 × 10 × 9 cm",
    blurb: {
      en: "Waterproof Bluetooth speaker with 20 hours of play and a built-in power bank.",
      fr: "Haut-parleur Bluetooth étanche, 20 heures d'écoute et batterie d'appoint intégrée.",
    },
    note: {
      en: "Light scuffs on the rubber feet; battery tested at full capacity.",
      fr: "Légères éraflures sur les pieds en caoutchouc; batterie testée à pleine capacité.",
    },
  },
  {
    handle: "apple-airpods-pro-2", brand: "Apple", model: "MTJV3AM/A",
    title: { en: "Apple AirPods Pro (2nd generation)", fr: "Apple AirPods Pro (2e génération)" },
    category: "audio", collection: "like-new-picks", price: 329, grades: ALL,
    weight: 250, dimensions: "6 × 5 × 2 cm",
    blurb: {
      en: "Active noise cancellation, adaptive audio and a USB-C MagSafe case.",
      fr: "Réduction active du bruit, audio adaptatif et étui MagSafe USB-C.",
    },
    note: {
      en: "Unpaired from the previous owner's account; new silicone tips included.",
      fr: "Dissociés du compte de l'ancien propriétaire; embouts en silicone neufs inclus.",
    },
  },
  {
    handle: "yamaha-rx-v6a-av-receiver", brand: "Yamaha", model: "RX-V6A",
    title: { en: "Yamaha RX-V6A 7.2-channel AV receiver", fr: "Récepteur AV Yamaha RX-V6A 7.2 canaux" },
    category: "audio", price: 899.99, grades: [LN, GD],
    weight: 10000, dimensions: "44 × 17 × 38 cm",
    blurb: {
      en: "8K-ready receiver with HDMI 2.1, MusicCast and room calibration.",
      fr: "Récepteur prêt pour la 8K avec HDMI 2.1, MusicCast et calibrage de la pièce.",
    },
    note: {
      en: "Demo unit from our listening room; remote and calibration mic included.",
      fr: "Appareil de démonstration de notre salle d'écoute; télécommande et micro de calibrage inclus.",
    },
  },
  {
    handle: "audio-technica-at-lp120xusb-turntable", brand: "Audio-Technica", model: "AT-LP120XUSB",
    title: { en: "Audio-Technica AT-LP120XUSB turntable", fr: "Tourne-disque Audio-Technica AT-LP120XUSB" },
    category: "audio", price: 449, grades: ALL,
    weight: 8000, dimensions: "45 × 16 × 35 cm",
    blurb: {
      en: "Direct-drive turntable with a USB output for digitizing your records.",
      fr: "Tourne-disque à entraînement direct avec sortie USB pour numériser vos vinyles.",
    },
    note: {
      en: "Stylus replaced and speed calibrated after return.",
      fr: "Pointe de lecture remplacée et vitesse calibrée après le retour.",
    },
  },
  {
    handle: "klipsch-r-51m-bookshelf-speakers", brand: "Klipsch", model: "R-51M",
    title: { en: "Klipsch R-51M bookshelf speakers (pair)", fr: "Enceintes d'étagère Klipsch R-51M (paire)" },
    category: "audio", price: 379.99, grades: [GD],
    weight: 9000, dimensions: "18 × 30 × 21 cm",
    blurb: {
      en: "Horn-loaded tweeters for a lively, detailed sound.",
      fr: "Tweeters à pavillon pour un son vivant et détaillé.",
    },
    note: {
      en: "Small corner ding on one cabinet; drivers tested.",
      fr: "Petit coup sur le coin d'une enceinte; haut-parleurs testés.",
    },
  },
  {
    handle: "sennheiser-hd-660s2-headphones", brand: "Sennheiser", model: "HD660S2",
    title: { en: "Sennheiser HD 660S2 headphones", fr: "Casque d'écoute Sennheiser HD 660S2" },
    category: "audio", collection: "like-new-picks", price: 799.99, grades: [LN], soldOut: true,
    weight: 800, dimensions: "20 × 23 × 10 cm",
    blurb: {
      en: "Open-back audiophile headphones with deep, natural bass.",
      fr: "Casque audiophile ouvert aux basses profondes et naturelles.",
    },
    note: {
      en: "Opened for a listening test only; all cables still sealed.",
      fr: "Ouvert pour un test d'écoute seulement; tous les câbles encore scellés.",
    },
  },
  // ── Computers & tablets ───────────────────────────────────────────────────
  {
    handle: "apple-macbook-air-13-m3", brand: "Apple", model: "MRXN3LL/A",
    title: { en: "Apple MacBook Air 13\" (M3, 2024)", fr: "Apple MacBook Air 13 po (M3, 2024)" },
    category: "computers-tablets", collection: "staff-favourites", price: 1499, grades: ALL,
    colors: [["Midnight", "Minuit", "#2E3641"], ["Starlight", "Lumière stellaire", "#E3DCCF"]],
    weight: 2000, dimensions: "30 × 1 × 21 cm",
    blurb: {
      en: "M3 chip, 16 GB of memory and up to 18 hours of battery life.",
      fr: "Puce M3, 16 Go de mémoire et jusqu'à 18 heures d'autonomie.",
    },
    note: {
      en: "Erased and reset to factory settings; battery health above 98%.",
      fr: "Effacé et réinitialisé aux paramètres d'usine; santé de la batterie supérieure à 98 %.",
    },
  },
  {
    handle: "dell-xps-14-laptop", brand: "Dell", model: "XPS9440",
    title: { en: "Dell XPS 14 laptop", fr: "Ordinateur portable Dell XPS 14" },
    category: "computers-tablets", price: 2299.99, grades: [LN, GD],
    weight: 2500, dimensions: "31 × 2 × 21 cm",
    blurb: {
      en: "Intel Core Ultra 7, a 3.2K OLED touchscreen and a haptic touchpad.",
      fr: "Intel Core Ultra 7, écran tactile OLED 3,2K et pavé tactile haptique.",
    },
    note: {
      en: "Business lease return; Windows reinstalled and keyboard deep-cleaned.",
      fr: "Retour de location d'entreprise; Windows réinstallé et clavier nettoyé en profondeur.",
    },
  },
  {
    handle: "lenovo-thinkpad-x1-carbon-gen-12", brand: "Lenovo", model: "21KC",
    title: { en: "Lenovo ThinkPad X1 Carbon Gen 12", fr: "Lenovo ThinkPad X1 Carbon 12e génération" },
    category: "computers-tablets", price: 2649, grades: [GD, FA],
    weight: 2200, dimensions: "32 × 2 × 22 cm",
    blurb: {
      en: "Featherweight 14\" business laptop with a superb keyboard.",
      fr: "Ordinateur portable professionnel ultraléger de 14 po au clavier remarquable.",
    },
    note: {
      en: "Corporate returns; light wear on the palm rest, fresh Windows install.",
      fr: "Retours d'entreprise; légère usure de l'appui-paume, Windows fraîchement installé.",
    },
  },
  {
    handle: "apple-ipad-air-11-m2", brand: "Apple", model: "MUWD3LL/A",
    title: { en: "Apple iPad Air 11\" (M2)", fr: "Apple iPad Air 11 po (M2)" },
    category: "computers-tablets", price: 799, grades: ALL,
    colors: [["Space grey", "Gris sidéral", "#5F6368"], ["Blue", "Bleu", "#7DA2C8"]],
    weight: 1000, dimensions: "25 × 1 × 18 cm",
    blurb: {
      en: "M2 chip, Liquid Retina display and Apple Pencil Pro support.",
      fr: "Puce M2, écran Liquid Retina et compatibilité Apple Pencil Pro.",
    },
    note: {
      en: "Activation lock removed and verified; screen checked for dead pixels.",
      fr: "Verrouillage d'activation retiré et vérifié; écran vérifié pixel par pixel.",
    },
  },
  {
    handle: "microsoft-surface-pro-11", brand: "Microsoft", model: "ZHX-00001",
    title: { en: "Microsoft Surface Pro (11th edition)", fr: "Microsoft Surface Pro (11e édition)" },
    category: "computers-tablets", price: 1649.99, grades: [LN, GD],
    weight: 1500, dimensions: "29 × 1 × 21 cm",
    blurb: {
      en: "Snapdragon X Plus 2-in-1 with an OLED display and all-day battery.",
      fr: "2-en-1 Snapdragon X Plus avec écran OLED et autonomie d'une journée.",
    },
    note: {
      en: "Opened and returned within 14 days; keyboard cover not included.",
      fr: "Ouvert et retourné en moins de 14 jours; clavier amovible non inclus.",
    },
  },
  {
    handle: "samsung-galaxy-tab-s9", brand: "Samsung", model: "SM-X710",
    title: { en: "Samsung Galaxy Tab S9", fr: "Samsung Galaxy Tab S9" },
    category: "computers-tablets", price: 1049.99, grades: [GD, FA],
    weight: 1100, dimensions: "25 × 1 × 17 cm",
    blurb: {
      en: "11\" Dynamic AMOLED 2X tablet with an S Pen in the box.",
      fr: "Tablette Dynamic AMOLED 2X de 11 po avec S Pen inclus.",
    },
    note: {
      en: "Light hairline scratches on the back; screen flawless.",
      fr: "Fines égratignures au dos; écran impeccable.",
    },
  },
  {
    handle: "hp-envy-34-all-in-one", brand: "HP", model: "34-C1010",
    title: { en: "HP Envy 34\" all-in-one desktop", fr: "Ordinateur tout-en-un HP Envy 34 po" },
    category: "computers-tablets", collection: "like-new-picks", price: 2799.99, grades: [LN],
    weight: 14000, dimensions: "82 × 50 × 24 cm",
    blurb: {
      en: "5K ultrawide all-in-one with a detachable magnetic webcam.",
      fr: "Tout-en-un ultralarge 5K avec webcam magnétique amovible.",
    },
    note: {
      en: "Showroom display; powered on only in store.",
      fr: "Modèle d'exposition; allumé seulement en magasin.",
    },
  },
  {
    handle: "asus-chromebook-plus-cx34", brand: "ASUS", model: "CX3402CBA",
    title: { en: "ASUS Chromebook Plus CX34", fr: "ASUS Chromebook Plus CX34" },
    category: "computers-tablets", price: 549.99, grades: ALL,
    weight: 2200, dimensions: "32 × 2 × 22 cm",
    blurb: {
      en: "Fast 14\" Chromebook with Google AI features built in.",
      fr: "Chromebook rapide de 14 po avec les fonctions d'IA de Google intégrées.",
    },
    note: {
      en: "Powerwashed and re-enrolled to factory state.",
      fr: "Réinitialisé (Powerwash) et remis à l'état d'usine.",
    },
  },
  {
    handle: "logitech-mx-keys-s-combo", brand: "Logitech", model: "920-011603",
    title: { en: "Logitech MX Keys S combo (keyboard + mouse)", fr: "Ensemble Logitech MX Keys S (clavier + souris)" },
    category: "computers-tablets", collection: "under-200", price: 199.99, grades: ALL,
    weight: 1400, dimensions: "43 × 3 × 13 cm",
    blurb: {
      en: "Backlit wireless keyboard, MX Master 3S mouse and palm rest.",
      fr: "Clavier sans fil rétroéclairé, souris MX Master 3S et repose-paume.",
    },
    note: {
      en: "Opened box; USB receiver and cable included.",
      fr: "Boîte ouverte; récepteur USB et câble inclus.",
    },
  },
  // ── TV & home theatre ──────────────────────────────────────────────────────
  {
    handle: "lg-c3-oled-65", brand: "LG", model: "OLED65C3PUA",
    title: { en: "LG 65\" C3 OLED 4K TV", fr: "Téléviseur OLED 4K LG C3 65 po" },
    category: "tv-home-theatre", collection: "staff-favourites", price: 2499.99, grades: ALL,
    weight: 33000, dimensions: "145 × 83 × 5 cm",
    blurb: {
      en: "Self-lit OLED pixels, Dolby Vision and four HDMI 2.1 ports for gaming.",
      fr: "Pixels OLED autoéclairés, Dolby Vision et quatre ports HDMI 2.1 pour le jeu.",
    },
    note: {
      en: "Panel tested for burn-in and dead pixels; stand and remote included.",
      fr: "Écran testé pour le marquage et les pixels morts; pied et télécommande inclus.",
    },
  },
  {
    handle: "samsung-qn90c-neo-qled-55", brand: "Samsung", model: "QN55QN90CAFXZC",
    title: { en: "Samsung 55\" QN90C Neo QLED TV", fr: "Téléviseur Neo QLED Samsung QN90C 55 po" },
    category: "tv-home-theatre", collection: "like-new-picks", price: 1599.99, grades: [LN, GD],
    weight: 24000, dimensions: "123 × 71 × 3 cm",
    blurb: {
      en: "Mini LED brightness with anti-glare for bright living rooms.",
      fr: "Luminosité Mini DEL et antireflet pour les salons ensoleillés.",
    },
    note: {
      en: "Returned because it was too small for the wall; box opened carefully.",
      fr: "Retourné parce qu'il était trop petit pour le mur; boîte ouverte avec soin.",
    },
  },
  {
    handle: "sony-bravia-xr-x90l-75", brand: "Sony", model: "XR75X90L",
    title: { en: "Sony 75\" Bravia XR X90L TV", fr: "Téléviseur Sony Bravia XR X90L 75 po" },
    category: "tv-home-theatre", price: 2799, grades: [GD, FA],
    weight: 38000, dimensions: "167 × 97 × 7 cm",
    blurb: {
      en: "Full-array LED with the Cognitive Processor XR and Google TV.",
      fr: "DEL à matrice complète avec processeur cognitif XR et Google TV.",
    },
    note: {
      en: "Scuffs on the bezel from a wall mount; picture is perfect.",
      fr: "Éraflures sur le cadre dues à un support mural; l'image est parfaite.",
    },
  },
  {
    handle: "tcl-q-class-qled-50", brand: "TCL", model: "50Q650G",
    title: { en: "TCL 50\" Q Class QLED TV", fr: "Téléviseur QLED TCL série Q 50 po" },
    category: "tv-home-theatre", price: 449.99, grades: ALL,
    weight: 10000, dimensions: "111 × 65 × 8 cm",
    blurb: {
      en: "4K QLED with Dolby Vision and Google TV built in.",
      fr: "QLED 4K avec Dolby Vision et Google TV intégré.",
    },
    note: {
      en: "Customer return; remote batteries replaced.",
      fr: "Retour client; piles de la télécommande remplacées.",
    },
  },
  {
    handle: "epson-home-cinema-2350-projector", brand: "Epson", model: "V11HA72020",
    title: { en: "Epson Home Cinema 2350 projector", fr: "Projecteur Epson Home Cinema 2350" },
    category: "tv-home-theatre", price: 1499.99, grades: [LN, GD],
    weight: 6000, dimensions: "39 × 16 × 30 cm",
    blurb: {
      en: "4K PRO-UHD gaming projector with 2,800 lumens.",
      fr: "Projecteur de jeu 4K PRO-UHD de 2 800 lumens.",
    },
    note: {
      en: "Lamp hours under 20; lens cleaned and focus checked.",
      fr: "Moins de 20 heures de lampe; lentille nettoyée et mise au point vérifiée.",
    },
  },
  {
    handle: "hisense-100-laser-tv", brand: "Hisense", model: "100L9H",
    title: { en: "Hisense 100\" laser TV with screen", fr: "Téléviseur laser Hisense 100 po avec écran" },
    category: "tv-home-theatre", price: 5999.99, grades: [GD], soldOut: true,
    weight: 60000, dimensions: "223 × 127 × 35 cm",
    blurb: {
      en: "Ultra-short-throw TriChroma laser with an ambient-light-rejecting screen.",
      fr: "Laser TriChroma à ultra-courte focale avec écran qui rejette la lumière ambiante.",
    },
    note: {
      en: "Showroom demo; screen frame has two small scratches.",
      fr: "Démo en salle d'exposition; le cadre de l'écran a deux petites égratignures.",
    },
  },
  {
    handle: "roku-ultra-streaming-player", brand: "Roku", model: "4850CA",
    title: { en: "Roku Ultra streaming player", fr: "Lecteur multimédia Roku Ultra" },
    category: "tv-home-theatre", collection: "under-200", price: 129.99, grades: ALL,
    weight: 600, dimensions: "12 × 3 × 12 cm",
    blurb: {
      en: "4K HDR streaming with Wi-Fi 6 and a backlit voice remote.",
      fr: "Diffusion 4K HDR avec Wi-Fi 6 et télécommande vocale rétroéclairée.",
    },
    note: {
      en: "Factory reset and unlinked from the previous account.",
      fr: "Réinitialisé et dissocié du compte précédent.",
    },
  },
  {
    handle: "sonos-sub-mini", brand: "Sonos", model: "SUBM1US1BLK",
    title: { en: "Sonos Sub Mini wireless subwoofer", fr: "Caisson de graves sans fil Sonos Sub Mini" },
    category: "tv-home-theatre", price: 599, grades: [LN, GD],
    colors: [["Black", "Noir", "#1E1E1E"], ["White", "Blanc", "#F2F2F2"]],
    weight: 7000, dimensions: "23 × 31 × 23 cm",
    blurb: {
      en: "Compact cylindrical subwoofer that pairs with any Sonos soundbar.",
      fr: "Caisson compact cylindrique qui s'associe à toute barre de son Sonos.",
    },
    note: {
      en: "Returned unopened then inspected; power cord still wrapped.",
      fr: "Retourné non ouvert puis inspecté; cordon d'alimentation encore emballé.",
    },
  },
  {
    handle: "sanus-full-motion-tv-wall-mount", brand: "Sanus", model: "VLF728",
    title: { en: "Sanus full-motion TV wall mount", fr: "Support mural articulé Sanus pour téléviseur" },
    category: "tv-home-theatre", price: 249.99, grades: [GD, FA],
    weight: 9000, dimensions: "48 × 41 × 72 cm",
    blurb: {
      en: "Extends 28\" and swivels for 42\" to 90\" TVs.",
      fr: "Se déploie sur 28 po et pivote, pour téléviseurs de 42 à 90 po.",
    },
    note: {
      en: "Hardware bag re-counted; some paint chips on the arm.",
      fr: "Sac de quincaillerie recompté; quelques éclats de peinture sur le bras.",
    },
  },
  // ── Small appliances ───────────────────────────────────────────────────────
  {
    handle: "breville-barista-express", brand: "Breville", model: "BES870BSS",
    title: { en: "Breville Barista Express espresso machine", fr: "Machine à espresso Breville Barista Express" },
    category: "small-appliances", collection: "staff-favourites", price: 899.99, grades: ALL,
    weight: 11000, dimensions: "33 × 40 × 31 cm",
    blurb: {
      en: "Built-in conical burr grinder and a steam wand for latte art.",
      fr: "Moulin à meules coniques intégré et buse vapeur pour le latte art.",
    },
    note: {
      en: "Descaled and test-brewed by our technicians; portafilter and tamper included.",
      fr: "Détartrée et testée par nos techniciens; porte-filtre et tasseur inclus.",
    },
  },
  {
    handle: "vitamix-ascent-a3500-blender", brand: "Vitamix", model: "A3500",
    title: { en: "Vitamix Ascent A3500 blender", fr: "Mélangeur Vitamix Ascent A3500" },
    category: "small-appliances", collection: "like-new-picks", price: 849.99, grades: [LN, GD],
    weight: 7000, dimensions: "20 × 43 × 28 cm",
    blurb: {
      en: "Touchscreen controls, five programs and a 64 oz container.",
      fr: "Commandes tactiles, cinq programmes et récipient de 64 oz.",
    },
    note: {
      en: "Returned gift; container sanitized.",
      fr: "Cadeau retourné; récipient désinfecté.",
    },
  },
  {
    handle: "ninja-foodi-dual-basket-air-fryer", brand: "Ninja", model: "DZ201C",
    title: { en: "Ninja Foodi 6-in-1 dual-basket air fryer", fr: "Friteuse à air Ninja Foodi 6-en-1 à deux paniers" },
    category: "small-appliances", collection: "under-200", price: 199.99, grades: ALL,
    weight: 8000, dimensions: "40 × 32 × 35 cm",
    blurb: {
      en: "Two independent baskets that finish cooking at the same time.",
      fr: "Deux paniers indépendants qui terminent la cuisson en même temps.",
    },
    note: {
      en: "Used once; baskets washed and the heating element tested.",
      fr: "Utilisée une fois; paniers lavés et élément chauffant testé.",
    },
  },
  {
    handle: "kitchenaid-artisan-stand-mixer", brand: "KitchenAid", model: "KSM150PS",
    title: { en: "KitchenAid Artisan 5 qt stand mixer", fr: "Batteur sur socle KitchenAid Artisan 5 pintes" },
    category: "small-appliances", price: 549.99, grades: ALL,
    colors: [["Empire red", "Rouge empire", "#B0222B"], ["Onyx black", "Noir onyx", "#1E1E1E"]],
    weight: 12000, dimensions: "24 × 36 × 35 cm",
    blurb: {
      en: "Tilt-head mixer with ten speeds, a dough hook, whisk and flat beater.",
      fr: "Batteur à tête inclinable à dix vitesses, crochet pétrisseur, fouet et batteur plat.",
    },
    note: {
      en: "Returned duplicate gift; attachments still in their bags.",
      fr: "Cadeau reçu en double et retourné; accessoires encore dans leurs sacs.",
    },
  },
  {
    handle: "instant-pot-duo-plus-6qt", brand: "Instant Pot", model: "112-0170-01",
    title: { en: "Instant Pot Duo Plus 6 qt pressure cooker", fr: "Autocuiseur Instant Pot Duo Plus 6 pintes" },
    category: "small-appliances", collection: "under-200", price: 149.99, grades: [LN, GD],
    weight: 6000, dimensions: "34 × 32 × 31 cm",
    blurb: {
      en: "Nine appliances in one: pressure cooker, slow cooker, rice cooker and more.",
      fr: "Neuf appareils en un : autocuiseur, mijoteuse, cuiseur à riz et plus.",
    },
    note: {
      en: "New sealing ring installed; pressure test passed.",
      fr: "Nouvel anneau d'étanchéité installé; test de pression réussi.",
    },
  },
  {
    handle: "dyson-v15-detect-cordless-vacuum", brand: "Dyson", model: "447033-01",
    title: { en: "Dyson V15 Detect cordless vacuum", fr: "Aspirateur sans fil Dyson V15 Detect" },
    category: "small-appliances", collection: "like-new-picks", price: 999.99, grades: ALL,
    weight: 6000, dimensions: "25 × 126 × 26 cm",
    blurb: {
      en: "Laser dust detection and a particle counter on the LCD screen.",
      fr: "Détection laser de la poussière et compteur de particules sur l'écran ACL.",
    },
    note: {
      en: "Bin and filters cleaned; battery cycle-tested.",
      fr: "Bac et filtres nettoyés; batterie testée sur un cycle complet.",
    },
  },
  {
    handle: "irobot-roomba-combo-j7-plus", brand: "iRobot", model: "C755020",
    title: { en: "iRobot Roomba Combo j7+ robot vacuum and mop", fr: "Aspirateur et vadrouille robot iRobot Roomba Combo j7+" },
    category: "small-appliances", price: 1299.99, grades: [GD],
    weight: 9000, dimensions: "34 × 9 × 34 cm",
    blurb: {
      en: "Vacuums and mops, lifts its pad off carpets and empties itself.",
      fr: "Aspire et lave, relève sa vadrouille sur les tapis et se vide tout seul.",
    },
    note: {
      en: "Brushes replaced and removed from the previous owner's app.",
      fr: "Brosses remplacées et retiré de l'application de l'ancien propriétaire.",
    },
  },
  {
    handle: "cuisinart-chefs-convection-toaster-oven", brand: "Cuisinart", model: "TOB-260N1C",
    title: { en: "Cuisinart Chef's convection toaster oven", fr: "Four grille-pain à convection Cuisinart Chef" },
    category: "small-appliances", price: 399.99, grades: ALL,
    weight: 11000, dimensions: "51 × 25 × 39 cm",
    blurb: {
      en: "Fifteen cooking functions and room for a 13\" pizza.",
      fr: "Quinze fonctions de cuisson et de la place pour une pizza de 13 po.",
    },
    note: {
      en: "Crumb tray cleaned; exterior may show fingerprints from the display.",
      fr: "Plateau à miettes nettoyé; l'extérieur peut garder des traces de l'exposition.",
    },
  },
  {
    handle: "nespresso-vertuo-next", brand: "Nespresso", model: "ENV120",
    title: { en: "Nespresso Vertuo Next coffee machine", fr: "Cafetière Nespresso Vertuo Next" },
    category: "small-appliances", collection: "under-200", price: 179.99, grades: ALL,
    weight: 5000, dimensions: "14 × 32 × 43 cm",
    blurb: {
      en: "One-touch coffee and espresso with barcode-read capsules.",
      fr: "Café et espresso en une touche grâce aux capsules à code-barres.",
    },
    note: {
      en: "Descaled and flushed; comes with a welcome capsule pack.",
      fr: "Détartrée et rincée; livrée avec un assortiment de capsules de bienvenue.",
    },
  },
  // ── Furniture ──────────────────────────────────────────────────────────────
  {
    handle: "herman-miller-aeron-chair", brand: "Herman Miller", model: "AER1B23DW",
    title: { en: "Herman Miller Aeron office chair", fr: "Fauteuil de bureau Herman Miller Aeron" },
    category: "furniture", collection: "staff-favourites", price: 1895, grades: ALL,
    weight: 20000, dimensions: "69 × 104 × 42 cm",
    blurb: {
      en: "Size B with PostureFit SL back support and fully adjustable arms.",
      fr: "Taille B avec soutien lombaire PostureFit SL et accoudoirs entièrement réglables.",
    },
    note: {
      en: "Office refurbishment surplus; mesh inspected and mechanisms lubricated.",
      fr: "Surplus de rénovation de bureaux; maille inspectée et mécanismes lubrifiés.",
    },
  },
  {
    handle: "ikea-kivik-3-seat-sofa", brand: "IKEA", model: "KIVIK",
    title: { en: "IKEA KIVIK 3-seat sofa", fr: "Canapé 3 places IKEA KIVIK" },
    category: "furniture", price: 899, grades: [GD, FA],
    colors: [["Grey", "Gris", "#8A8D91"], ["Beige", "Beige", "#D8C8A8"]],
    weight: 60000, dimensions: "228 × 83 × 95 cm",
    blurb: {
      en: "Deep seat cushions with memory foam and washable covers.",
      fr: "Coussins d'assise profonds en mousse à mémoire et housses lavables.",
    },
    note: {
      en: "Showroom sofa; covers professionally cleaned.",
      fr: "Canapé d'exposition; housses nettoyées par des professionnels.",
    },
  },
  {
    handle: "steelcase-series-2-task-chair", brand: "Steelcase", model: "435A00",
    title: { en: "Steelcase Series 2 task chair", fr: "Chaise de travail Steelcase Series 2" },
    category: "furniture", price: 749.99, grades: [LN, GD],
    weight: 18000, dimensions: "67 × 100 × 60 cm",
    blurb: {
      en: "3D Microknit back that flexes with you, with adjustable lumbar support.",
      fr: "Dossier 3D Microknit qui bouge avec vous et soutien lombaire réglable.",
    },
    note: {
      en: "Assembled once for a photo shoot; casters replaced.",
      fr: "Assemblée une fois pour une séance photo; roulettes remplacées.",
    },
  },
  {
    handle: "flexispot-e7-standing-desk", brand: "FlexiSpot", model: "E7-4824",
    title: { en: "FlexiSpot E7 electric standing desk", fr: "Bureau assis-debout électrique FlexiSpot E7" },
    category: "furniture", price: 699.99, grades: ALL,
    weight: 38000, dimensions: "122 × 58–123 × 61 cm",
    blurb: {
      en: "Dual-motor frame with memory presets and a 48\" x 24\" top.",
      fr: "Cadre à deux moteurs avec positions mémorisées et plateau de 48 × 24 po.",
    },
    note: {
      en: "Returned after assembly; motors tested through full travel.",
      fr: "Retourné après assemblage; moteurs testés sur toute la course.",
    },
  },
  {
    handle: "article-sven-88-sofa", brand: "Article", model: "SVEN-88",
    title: { en: "Article Sven 88\" sofa", fr: "Canapé Article Sven 88 po" },
    category: "furniture", price: 2199, grades: [GD],
    weight: 75000, dimensions: "224 × 86 × 97 cm",
    blurb: {
      en: "Tufted full-grain leather sofa with solid wood legs.",
      fr: "Canapé capitonné en cuir pleine fleur avec pattes en bois massif.",
    },
    note: {
      en: "Minor scuff on one arm; leather conditioned.",
      fr: "Légère éraflure sur un accoudoir; cuir revitalisé.",
    },
  },
  {
    handle: "structube-noah-extendable-dining-table", brand: "Structube", model: "NOAH-DT",
    title: { en: "Structube Noah extendable dining table", fr: "Table à manger à rallonge Structube Noah" },
    category: "furniture", price: 649.99, grades: [LN, GD],
    weight: 45000, dimensions: "160–200 × 76 × 90 cm",
    blurb: {
      en: "Seats six, or eight with the butterfly leaf extended.",
      fr: "Accueille six personnes, ou huit avec la rallonge papillon.",
    },
    note: {
      en: "Box damaged in transit; all hardware counted.",
      fr: "Boîte endommagée pendant le transport; toute la quincaillerie comptée.",
    },
  },
  {
    handle: "sauder-harbor-view-bookcase", brand: "Sauder", model: "415207",
    title: { en: "Sauder Harbor View 5-shelf bookcase", fr: "Bibliothèque 5 tablettes Sauder Harbor View" },
    category: "furniture", collection: "under-200", price: 189.99, grades: [GD, FA],
    weight: 35000, dimensions: "80 × 182 × 34 cm",
    blurb: {
      en: "Farmhouse-style bookcase with three adjustable shelves.",
      fr: "Bibliothèque de style champêtre avec trois tablettes réglables.",
    },
    note: {
      en: "Corner of the box crushed; one side panel has a small chip.",
      fr: "Coin de la boîte écrasé; un panneau latéral a un petit éclat.",
    },
  },
  {
    handle: "west-elm-mid-century-nightstand", brand: "West Elm", model: "WE-MC-NS",
    title: { en: "West Elm mid-century nightstand", fr: "Table de chevet mi-siècle West Elm" },
    category: "furniture", price: 449, grades: ALL,
    weight: 16000, dimensions: "51 × 61 × 41 cm",
    blurb: {
      en: "Solid wood nightstand with a drawer and an open shelf.",
      fr: "Table de chevet en bois massif avec tiroir et tablette ouverte.",
    },
    note: {
      en: "Floor model; drawer runners adjusted.",
      fr: "Modèle de plancher; glissières du tiroir ajustées.",
    },
  },
  {
    handle: "secretlab-titan-evo-gaming-chair", brand: "Secretlab", model: "TITAN-EVO-R",
    title: { en: "Secretlab Titan Evo gaming chair", fr: "Fauteuil de jeu Secretlab Titan Evo" },
    category: "furniture", price: 729, grades: [LN, GD],
    colors: [["Black", "Noir", "#1E1E1E"], ["Charcoal blue", "Bleu charbon", "#34495E"]],
    weight: 33000, dimensions: "70 × 133 × 70 cm",
    blurb: {
      en: "Magnetic memory-foam head pillow and built-in adjustable lumbar support.",
      fr: "Coussin de tête magnétique en mousse à mémoire et soutien lombaire réglable intégré.",
    },
    note: {
      en: "Returned within 49 days; upholstery cleaned.",
      fr: "Retourné dans les 49 jours; revêtement nettoyé.",
    },
  },
  // ── Phones & wearables ────────────────────────────────────────────────────
  {
    handle: "apple-iphone-15-pro-128gb", brand: "Apple", model: "MTUV3VC/A",
    title: { en: "Apple iPhone 15 Pro 128 GB", fr: "Apple iPhone 15 Pro 128 Go" },
    category: "phones-wearables", collection: "staff-favourites", price: 1449, grades: ALL,
    colors: [["Natural titanium", "Titane naturel", "#BAB4A9"], ["Black titanium", "Titane noir", "#3B3B3D"]],
    weight: 500, dimensions: "15 × 1 × 7 cm",
    blurb: {
      en: "Titanium design, A17 Pro chip and a 48 MP main camera. Unlocked.",
      fr: "Design en titane, puce A17 Pro et appareil photo principal de 48 Mpx. Déverrouillé.",
    },
    note: {
      en: "Battery health above 95%; erased and activation lock removed.",
      fr: "Santé de la batterie supérieure à 95 %; effacé et verrouillage d'activation retiré.",
    },
  },
  {
    handle: "samsung-galaxy-s24-256gb", brand: "Samsung", model: "SM-S921W",
    title: { en: "Samsung Galaxy S24 256 GB", fr: "Samsung Galaxy S24 256 Go" },
    category: "phones-wearables", price: 1179.99, grades: [LN, GD],
    weight: 450, dimensions: "15 × 1 × 7 cm",
    blurb: {
      en: "Galaxy AI, a 50 MP camera and seven years of updates. Unlocked.",
      fr: "Galaxy AI, appareil photo de 50 Mpx et sept ans de mises à jour. Déverrouillé.",
    },
    note: {
      en: "Factory reset; screen protector applied by our team.",
      fr: "Réinitialisé; protecteur d'écran posé par notre équipe.",
    },
  },
  {
    handle: "google-pixel-8a-128gb", brand: "Google", model: "GKV4X",
    title: { en: "Google Pixel 8a 128 GB", fr: "Google Pixel 8a 128 Go" },
    category: "phones-wearables", price: 679, grades: ALL,
    weight: 450, dimensions: "15 × 1 × 7 cm",
    blurb: {
      en: "Tensor G3, great photos and seven years of OS updates. Unlocked.",
      fr: "Tensor G3, superbes photos et sept ans de mises à jour. Déverrouillé.",
    },
    note: {
      en: "Carrier return; unlocked and reset.",
      fr: "Retour d'un fournisseur de services; déverrouillé et réinitialisé.",
    },
  },
  {
    handle: "apple-watch-series-9-45mm", brand: "Apple", model: "MR9Q3VC/A",
    title: { en: "Apple Watch Series 9 GPS 45 mm", fr: "Apple Watch Series 9 GPS 45 mm" },
    category: "phones-wearables", price: 559, grades: ALL,
    weight: 300, dimensions: "5 × 4 × 1 cm",
    blurb: {
      en: "Double-tap gesture, a brighter display and on-device Siri.",
      fr: "Geste du toucher double, écran plus lumineux et Siri sur l'appareil.",
    },
    note: {
      en: "Unpaired and reset; new sport band in the box.",
      fr: "Dissociée et réinitialisée; bracelet sport neuf dans la boîte.",
    },
  },
  {
    handle: "garmin-forerunner-265", brand: "Garmin", model: "010-02810-00",
    title: { en: "Garmin Forerunner 265 GPS running watch", fr: "Montre de course GPS Garmin Forerunner 265" },
    category: "phones-wearables", collection: "like-new-picks", price: 599.99, grades: [LN, GD],
    weight: 300, dimensions: "5 × 5 × 1 cm",
    blurb: {
      en: "AMOLED display, training readiness and up to 13 days of battery.",
      fr: "Écran AMOLED, état de préparation à l'entraînement et jusqu'à 13 jours d'autonomie.",
    },
    note: {
      en: "Returned after one run; reset and charger included.",
      fr: "Retournée après une course; réinitialisée, chargeur inclus.",
    },
  },
  {
    handle: "fitbit-charge-6", brand: "Fitbit", model: "GA05183-CA",
    title: { en: "Fitbit Charge 6 fitness tracker", fr: "Bracelet d'activité Fitbit Charge 6" },
    category: "phones-wearables", collection: "under-200", price: 199.99, grades: ALL,
    weight: 150, dimensions: "4 × 2 × 1 cm",
    blurb: {
      en: "Heart-rate tracking, built-in GPS and Google Wallet.",
      fr: "Suivi de la fréquence cardiaque, GPS intégré et Google Wallet.",
    },
    note: {
      en: "Band sanitized; unlinked from the previous account.",
      fr: "Bracelet désinfecté; dissocié du compte précédent.",
    },
  },
  {
    handle: "samsung-galaxy-z-flip5", brand: "Samsung", model: "SM-F731W",
    title: { en: "Samsung Galaxy Z Flip5 256 GB", fr: "Samsung Galaxy Z Flip5 256 Go" },
    category: "phones-wearables", price: 1399.99, grades: [GD, FA],
    weight: 400, dimensions: "17 × 1 × 7 cm",
    blurb: {
      en: "Foldable phone with a large Flex Window cover screen. Unlocked.",
      fr: "Téléphone pliable avec grand écran externe Flex Window. Déverrouillé.",
    },
    note: {
      en: "Hinge tested through 1,000 folds; visible crease is normal.",
      fr: "Charnière testée sur 1 000 pliages; le pli visible est normal.",
    },
  },
  {
    handle: "oneplus-12-512gb", brand: "OnePlus", model: "CPH2583",
    title: { en: "OnePlus 12 512 GB", fr: "OnePlus 12 512 Go" },
    category: "phones-wearables", collection: "like-new-picks", price: 1299.99, grades: [LN], soldOut: true,
    weight: 450, dimensions: "16 × 1 × 8 cm",
    blurb: {
      en: "Snapdragon 8 Gen 3, Hasselblad camera and 80 W charging. Unlocked.",
      fr: "Snapdragon 8 Gen 3, appareil photo Hasselblad et recharge de 80 W. Déverrouillé.",
    },
    note: {
      en: "Opened box; phone never activated.",
      fr: "Boîte ouverte; téléphone jamais activé.",
    },
  },
  {
    handle: "anker-737-power-bank", brand: "Anker", model: "A1289",
    title: { en: "Anker 737 power bank (24,000 mAh)", fr: "Batterie externe Anker 737 (24 000 mAh)" },
    category: "phones-wearables", collection: "under-200", price: 159.99, grades: ALL,
    weight: 700, dimensions: "16 × 5 × 5 cm",
    blurb: {
      en: "140 W output, enough to charge a laptop, with a smart display.",
      fr: "Sortie de 140 W, assez pour recharger un portable, avec écran intelligent.",
    },
    note: {
      en: "Capacity tested with a full discharge cycle.",
      fr: "Capacité testée par un cycle de décharge complet.",
    },
  },
]

// ── Derived, deterministic values ─────────────────────────────────────────────

/** Round a cent amount to the same "price ending" as the reference price. */
function roundLike(cents: number, referenceCents: number): number {
  const ending = referenceCents % 100
  if (ending === 99) return Math.max(99, Math.round(cents / 100) * 100 - 1) // 839.99
  if (ending === 50) return Math.round(cents / 50) * 50 // 1086.50 or 1086.00
  if (ending === 0) return Math.round(cents / 100) * 100 // 1319.00
  return Math.round(cents)
}

const USD_PER_CAD = 0.74

export type VariantSeed = {
  title: Bilingual
  sku: string
  grade: Grade
  color?: Color
  /** option title (English) → value (English), as createProductsWorkflow wants it */
  options: Record<string, string>
  prices: { cad: number; usd: number }
  quantity: number
}

export type ProductSeed = Row & {
  description: Bilingual
  variants: VariantSeed[]
  metadata: Record<string, string>
}

function skuPart(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]+/g, "")
}

function buildProduct(row: Row, index: number): ProductSeed {
  const ref = Math.round(row.price * 100)
  const colors: (Color | undefined)[] = row.colors?.length ? row.colors : [undefined]
  const variants: VariantSeed[] = []
  let vi = 0
  row.grades.forEach((grade, gi) => {
    const g = GRADES[grade]
    const cad = roundLike(ref * g.factor, ref)
    const usd = roundLike(cad * USD_PER_CAD, ref)
    colors.forEach((color) => {
      const isLastVariant = gi === row.grades.length - 1 && color === colors[colors.length - 1]
      let quantity = 1 + ((index * 7 + vi * 3) % 4)
      // a few sold-out variants on products that otherwise have stock
      if (row.soldOut || (index % 5 === 2 && isLastVariant && row.grades.length * colors.length > 1)) {
        quantity = 0
      }
      variants.push({
        title: color
          ? { en: `${g.label.en} / ${color[0]}`, fr: `${g.label.fr} / ${color[1]}` }
          : { en: g.label.en, fr: g.label.fr },
        sku: ["TOB", skuPart(row.model), g.code, ...(color ? [skuPart(color[0]).slice(0, 4)] : [])].join("-"),
        grade,
        color,
        options: {
          [OPTION_TITLES.condition.en]: g.label.en,
          ...(color ? { [OPTION_TITLES.color.en]: color[0] } : {}),
        },
        prices: { cad: cad / 100, usd: usd / 100 },
        quantity,
      })
      vi++
    })
  })
  const gradeText = (lang: "en" | "fr") => row.grades.map((g) => GRADE_TEXT[g][lang]).join(" ")
  const description = {
    en: `${row.blurb.en}\n\nOpen box: ${row.note.en}\n\n${gradeText("en")}\n\n${WARRANTY.en}`,
    fr: `${row.blurb.fr}\n\nBoîte ouverte : ${row.note.fr}\n\n${gradeText("fr")}\n\n${WARRANTY.fr}`,
  }
  return {
    ...row,
    description,
    variants,
    metadata: { brand: row.brand, model: row.model, dimensions: row.dimensions },
  }
}

export const PRODUCTS: ProductSeed[] = ROWS.map(buildProduct)

/** Fail fast on inconsistent data (run at the start of every seed). */
export function validateSeedData(): void {
  const seen = new Set<string>()
  const skus = new Set<string>()
  const categories = new Set(CATEGORIES.map((c) => c.handle))
  const collections = new Set(COLLECTIONS.map((c) => c.handle))
  for (const p of PRODUCTS) {
    if (seen.has(p.handle)) throw new Error(`duplicate handle ${p.handle}`)
    seen.add(p.handle)
    if (!categories.has(p.category)) throw new Error(`${p.handle}: unknown category ${p.category}`)
    if (p.collection && !collections.has(p.collection)) {
      throw new Error(`${p.handle}: unknown collection ${p.collection}`)
    }
    if (!p.grades.length) throw new Error(`${p.handle}: no condition grade`)
    for (const v of p.variants) {
      if (skus.has(v.sku)) throw new Error(`duplicate sku ${v.sku}`)
      skus.add(v.sku)
      if (!(v.prices.cad > 0 && v.prices.usd > 0)) throw new Error(`${v.sku}: bad price`)
    }
    if (p.collection === "under-200" && p.variants.some((v) => v.prices.cad >= 200)) {
      throw new Error(`${p.handle}: in "Under $200" but a variant costs $200 or more`)
    }
    if (p.collection === "like-new-picks" && !p.grades.includes("like-new")) {
      throw new Error(`${p.handle}: in "Like-new picks" without a like-new variant`)
    }
    for (const key of Object.keys(p.metadata)) {
      if (/cost|floor|margin/i.test(key)) throw new Error(`${p.handle}: private metadata ${key}`)
    }
  }
  if (PRODUCTS.length < 66) throw new Error(`only ${PRODUCTS.length} products`)
  if (PRODUCTS.filter((p) => p.variants.every((v) => v.quantity === 0)).length < 3) {
    throw new Error("fewer than 3 sold-out products")
  }
}
