// Photos taken on a visit, prepared on the phone before they are kept or sent: scaled down to at most
// 1600 px on the long side and re-encoded as JPEG. Re-encoding also drops the camera's metadata (EXIF,
// including the GPS position of the child's home), which the server never needs. A photo the browser cannot
// re-encode (HEIC on many browsers, a damaged file) is refused, never sent as it is: its metadata stays on
// the phone.

export const PHOTO_MAX_SIDE = 1600
export const PHOTO_QUALITY = 0.85

/** The message of a photo that cannot be re-encoded (the form shows the localised one). */
export const PHOTO_UNUSABLE_MESSAGE = '无法处理该照片，请改用相机拍摄的 JPG/PNG 照片'

/** The browser could not decode or re-encode the photo: it is not kept (its EXIF/GPS would go with it). */
export class PhotoUnusableError extends Error {
  constructor(readonly filename: string) {
    super(PHOTO_UNUSABLE_MESSAGE)
    this.name = 'PhotoUnusableError'
  }
}

/** The size that fits within `max` px on both sides, keeping the aspect ratio (never enlarged). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 }
  const scale = Math.min(1, max / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The photo's name as sent: the original name with a .jpg extension (a default when the camera gives none). */
export function jpegName(name: string, fallback = 'photo'): string {
  const base = (name || '').replace(/\.[^./\\]*$/, '').replace(/[\\/]/g, '_').trim() || fallback
  return `${base}.jpg`
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob)
    const img = new Image()
    img.onload = () => {
      URL.revokeObjectURL(url)
      resolve(img)
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('image decode failed'))
    }
    img.src = url
  })
}

function canvasBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', quality)
  })
}

/**
 * The photo scaled to fit PHOTO_MAX_SIDE and re-encoded as JPEG (the browser applies the EXIF orientation
 * when it draws). Rejects with PhotoUnusableError when the browser cannot decode or re-encode it: the
 * original, with its EXIF data and GPS position, is never kept or sent.
 */
export async function preparePhoto(file: File, max = PHOTO_MAX_SIDE, quality = PHOTO_QUALITY): Promise<{ blob: Blob; filename: string }> {
  try {
    const img = await loadImage(file)
    const size = fitWithin(img.naturalWidth, img.naturalHeight, max)
    if (!size.width) throw new Error('empty image')
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no canvas')
    ctx.fillStyle = '#fff' // a transparent PNG turns white, not black, as JPEG
    ctx.fillRect(0, 0, size.width, size.height)
    ctx.drawImage(img, 0, 0, size.width, size.height)
    const blob = await canvasBlob(canvas, quality)
    return { blob, filename: jpegName(file.name) }
  } catch {
    throw new PhotoUnusableError(file.name || 'photo')
  }
}
