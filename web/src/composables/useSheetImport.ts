// The state of a sheet import (the ledger's and the care persons'): pick a file → preview (commit=0) →
// commit (commit=1, all or nothing). A 409 on commit previews again and keeps the server's message.
import { computed, ref } from 'vue'
import { ApiError } from '@/api/request'
import type { ImportResult } from '@/api/children'
import { importSummary } from '@/utils/children'

/** PUT …/import?commit=0|1 of one module. */
export type SheetImporter = (
  file: File,
  commit: boolean,
  opts?: { onProgress?: (loaded: number, total: number) => void },
) => Promise<ImportResult>

export const SHEET_PATTERN = /\.(xlsx|csv)$/i

export function useSheetImport(importer: SheetImporter) {
  const file = ref<File | null>(null)
  const preview = ref<ImportResult | null>(null)
  const busy = ref(false)
  const progress = ref(0)
  const refusal = ref('')
  const onlyProblems = ref(false)
  const summary = computed(() => importSummary(preview.value?.rows ?? []))
  const shownRows = computed(() =>
    (preview.value?.rows ?? []).filter((r) => !onlyProblems.value || r.action === 'reject' || !!r.reason),
  )

  function reset() {
    file.value = null
    preview.value = null
    refusal.value = ''
    progress.value = 0
    onlyProblems.value = false
  }

  /** Takes a picked file: false when it is not a sheet (.xlsx or .csv); otherwise previews it. */
  async function choose(f: File): Promise<boolean> {
    if (!SHEET_PATTERN.test(f.name)) return false
    file.value = f
    await runPreview()
    return true
  }

  async function runPreview() {
    if (!file.value) return
    busy.value = true
    refusal.value = ''
    preview.value = null
    progress.value = 0
    try {
      preview.value = await importer(file.value, false, {
        onProgress: (l, tot) => (progress.value = tot ? Math.round((l / tot) * 100) : 0),
      })
    } catch {
      /* the request client has shown the message (e.g. 400 unsupported_format) */
    } finally {
      busy.value = false
    }
  }

  /** Writes the previewed sheet; the result, or null when refused (the reason in `refusal`). */
  async function commit(): Promise<ImportResult | null> {
    if (!file.value || !summary.value.committable) return null
    busy.value = true
    refusal.value = ''
    try {
      return await importer(file.value, true)
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) {
        const message = e.message
        // 409 import_rejected: the data changed since the preview (or a row became invalid); show the rows
        // as they stand now beside the server's message.
        busy.value = false
        if (e.status === 409) await runPreview()
        refusal.value = message
      }
      return null
    } finally {
      busy.value = false
    }
  }

  return { file, preview, busy, progress, refusal, onlyProblems, summary, shownRows, reset, choose, runPreview, commit }
}
