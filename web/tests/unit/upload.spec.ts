// The raw-body upload helper (XMLHttpRequest, for progress), the download file name, and the plan API's
// use of them: media type, ?filename=, CSRF header, errors as ApiError.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { FakeXhr, makeMe } from './helpers'

const { message } = vi.hoisted(() => ({ message: vi.fn() }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: {} }))

import { ApiError, filenameOf, upload, uploadContentType } from '@/api/request'
import { parseDocument, planDocumentType, uploadAttachment } from '@/api/plan'
import { useAuthStore } from '@/stores/auth'

beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().setMe(makeMe())
  message.mockReset()
  FakeXhr.last = null
  FakeXhr.next = { status: 200, body: '{}' }
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
})

describe('upload (raw body)', () => {
  it('sends the file itself with its Content-Type and the X-CSRF-Token header', async () => {
    FakeXhr.next = { status: 201, body: '{"id":7}' }
    const file = new File(['abcdef'], '照片.jpg', { type: 'image/jpeg' })
    const progress: number[] = []
    const res = await upload<{ id: number }>('PUT', '/progress/4/attachments', file, {
      query: { filename: file.name },
      onProgress: (loaded) => progress.push(loaded),
    })
    const x = FakeXhr.last!
    expect(res).toEqual({ id: 7 })
    expect(x.method).toBe('PUT')
    expect(x.url).toBe('/api/v1/progress/4/attachments?filename=%E7%85%A7%E7%89%87.jpg')
    expect(x.body).toBe(file)
    expect(x.headers['Content-Type']).toBe('image/jpeg')
    expect(x.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(x.headers.Accept).toBe('application/json')
    expect(progress).toEqual([3, 6])
  })

  it('falls back to application/octet-stream, and a given type wins', () => {
    expect(uploadContentType(new Blob(['x']))).toBe('application/octet-stream')
    expect(uploadContentType(new Blob(['x'], { type: 'text/plain' }), 'application/pdf')).toBe('application/pdf')
  })

  it('turns an error answer into an ApiError and shows the server’s message', async () => {
    FakeXhr.next = { status: 413, body: '{"error":{"code":"too_large","message":"附件过大（上限 20 MB）","field":""}}' }
    const err = (await upload('PUT', '/progress/4/attachments', new Blob(['x'])).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(413)
    expect(err.code).toBe('too_large')
    expect(err.message).toBe('附件过大（上限 20 MB）')
    expect(message).toHaveBeenCalledTimes(1)
  })

  it('stays quiet when asked and reports a network failure as status 0', async () => {
    FakeXhr.next = { status: 0, body: '' }
    const err = (await upload('PUT', '/x', new Blob(['x']), { silent: true }).catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(0)
    expect(err.code).toBe('network_error')
    expect(message).not.toHaveBeenCalled()
  })
})

describe('plan uploads', () => {
  it('sends a .txt plan as UTF-8 text to the parse endpoint with its file name', async () => {
    FakeXhr.next = { status: 200, body: '{"title":"方案","text":"","items":[],"unknown":[]}' }
    const file = new File(['一、总体要求'], '五团镇方案.txt', { type: '' })
    const review = await parseDocument(file)
    expect(review.title).toBe('方案')
    const x = FakeXhr.last!
    expect(x.method).toBe('POST')
    expect(x.url).toBe(`/api/v1/campaigns/parse?filename=${encodeURIComponent('五团镇方案.txt')}`)
    expect(x.headers['Content-Type']).toBe('text/plain; charset=utf-8')
    expect(x.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(x.body).toBe(file)
  })

  it('sends a .docx plan with the Word media type', () => {
    expect(planDocumentType('方案.DOCX')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(planDocumentType('方案.txt')).toBe('text/plain; charset=utf-8')
  })

  it('puts an attachment on its report', async () => {
    FakeXhr.next = { status: 201, body: '{"id":1,"report_id":9,"filename":"a.pdf"}' }
    await uploadAttachment(9, new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }))
    expect(FakeXhr.last!.url).toBe('/api/v1/progress/9/attachments?filename=a.pdf')
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/pdf')
  })
})

describe('filenameOf', () => {
  it('prefers the UTF-8 name of Content-Disposition', () => {
    const h = `attachment; filename="_____-______.xlsx"; filename*=UTF-8''${encodeURIComponent('五团镇-任务分解表.xlsx')}`
    expect(filenameOf(h)).toBe('五团镇-任务分解表.xlsx')
  })
  it('falls back to the plain name, then to the default', () => {
    expect(filenameOf('attachment; filename="matrix.xlsx"')).toBe('matrix.xlsx')
    expect(filenameOf(null, 'x.xlsx')).toBe('x.xlsx')
  })
})
