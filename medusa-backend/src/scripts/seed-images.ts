/**
 * Small, language-neutral SVG product illustrations generated at seed time
 * (no downloads): a category icon in the category's colour on a backdrop that
 * varies a little per product, and a condition badge drawn as stars
 * (3 = like new, 2 = good, 1 = fair), so the same picture works on English
 * and French pages. Each file is under 1 KB.
 *
 * No text: the brand and model are beside the picture on every page, and
 * Chromium lays out and paints an SVG image's text on the page's main thread
 * (a listing's 12 pictures: layout and paint 115 ms at 1x CPU with the text,
 * 79 ms without; bench/RESULTS.md, section 2026-11-26 13:20).
 */
import type { CategorySeed } from "./seed-data"

const ICONS: Record<CategorySeed["icon"], string> = {
  // built-in appliance: door, control strip, knobs, handle
  fridge:
    '<rect x="200" y="95" width="200" height="250" rx="14"/><path d="M200 145H400M235 120h0M265 120h0M375 180v60"/>',
  // front-load washer: body, control strip, door
  washer:
    '<rect x="195" y="95" width="210" height="250" rx="16"/><path d="M195 140H405M230 118h0M260 118h0"/><circle cx="300" cy="245" r="62"/><circle cx="300" cy="245" r="36"/>',
  headphones:
    '<path d="M195 300v-60a105 105 0 0 1 210 0v60"/><rect x="175" y="265" width="45" height="85" rx="16"/><rect x="380" y="265" width="45" height="85" rx="16"/>',
  laptop:
    '<rect x="200" y="120" width="200" height="145" rx="10"/><path d="M160 295H440L418 330H182Z"/>',
  tv: '<rect x="150" y="110" width="300" height="190" rx="12"/><path d="M300 300v40M250 345H350"/>',
  kettle:
    '<path d="M215 345H385L365 190H235Z"/><path d="M365 215q60 15 28 95l-18 8"/><path d="M260 190q40-45 80 0"/><path d="M235 250l-45-35"/>',
  chair:
    '<path d="M225 110v175M375 110v175M225 150H375M210 285H390M225 285v65M375 285v65"/>',
  phone:
    '<rect x="238" y="95" width="124" height="250" rx="22"/><path d="M285 120H315M292 318h16"/>',
}

/** Mix a #rrggbb colour with white; `amount` 0 → colour, 1 → white. */
function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16)
  const channel = (shift: number) => {
    const c = (n >> shift) & 0xff
    return Math.round(c + (255 - c) * amount)
  }
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, "0")).join("")}`
}

function star(cx: number, cy: number, r: number): string {
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45
    const angle = (Math.PI / 5) * i - Math.PI / 2
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(0)},${(cy + radius * Math.sin(angle)).toFixed(0)}`)
  }
  return points.join(" ")
}

const BADGE_COLORS: Record<number, string> = { 3: "#2E7D32", 2: "#1565C0", 1: "#EF6C00" }

/** 0 … range-1 from a product's name (FNV-1a): the same product always draws the same. */
function variation(name: string, range: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0
  }
  return hash % range
}

export function productSvg(opts: {
  category: CategorySeed
  brand: string
  model: string
  stars: number
}): string {
  const { category, brand, model, stars } = opts
  const name = `${brand} ${model}`
  const color = category.color
  const badge = BADGE_COLORS[stars] ?? "#555555"
  const starShapes = [0, 1, 2]
    .map((i) => {
      const filled = i < stars
      return `<polygon points="${star(438 + i * 44, 52, 15)}" fill="${filled ? "#FFFFFF" : "none"}" stroke="#FFFFFF" stroke-width="3"/>`
    })
    .join("")
  // Products of one category differ by the backdrop's shade and the disc's size and place.
  const backdrop = tint(color, 0.86 + variation(name, 9) / 100)
  const radius = 185 + variation(`${name}/r`, 5) * 10
  const cx = 280 + variation(`${name}/x`, 5) * 10
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">',
    `<rect width="600" height="600" fill="${backdrop}"/>`,
    `<circle cx="${cx}" cy="310" r="${radius}" fill="${tint(color, 0.75)}"/>`,
    // The icons are drawn around (300, 222): moved to the middle of the picture.
    `<g transform="translate(0 88)" fill="none" stroke="${color}" stroke-width="14" stroke-linecap="round" stroke-linejoin="round">${ICONS[category.icon]}</g>`,
    `<rect x="404" y="24" width="172" height="56" rx="28" fill="${badge}"/>${starShapes}`,
    "</svg>",
  ].join("")
}
