import { describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import {
  CHILD_CATEGORIES,
  categoryCounts,
  categoryLabel,
  displaySensitive,
  formatIdNumber,
  importSummary,
  isMasked,
  maskIdNumber,
  maskPhone,
  villagesOf,
} from '@/utils/children'
import { sheetType } from '@/api/children'
import { childPayload, emptyChildForm, formFieldOf } from '@/views/children/data'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})

describe('category labels', () => {
  it('maps every server code to its Chinese name', () => {
    expect(CHILD_CATEGORIES).toHaveLength(9)
    expect(categoryLabel(t, 'left_behind')).toBe('留守儿童')
    expect(categoryLabel(t, 'de_facto_orphan')).toBe('事实无人抚养儿童')
    expect(categoryLabel(t, 'troubled_family')).toBe('关系异常家庭')
  })
  it('falls back to the server label, then the code', () => {
    expect(categoryLabel(t, 'new_kind', '新类别')).toBe('新类别')
    expect(categoryLabel(t, 'new_kind')).toBe('new_kind')
  })
  it('follows the language', () => {
    i18n.global.locale.value = 'en-US'
    try {
      expect(categoryLabel(t, 'orphan')).toBe('Orphan')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })
})

describe('import preview summary', () => {
  it('counts actions and warnings; committable only without rejections', () => {
    const s = importSummary([
      { row: 2, action: 'create', reason: '', name: '甲' },
      { row: 3, action: 'update', reason: '', name: '乙' },
      { row: 4, action: 'create', reason: '与第 2 行姓名、出生日期相同', name: '丙' },
      { row: 5, action: 'reject', reason: '身份证号校验位错误', name: '丁' },
    ])
    expect(s).toEqual({ total: 4, create: 2, update: 1, reject: 1, warnings: 1, committable: false })
  })
  it('allows a commit of clean rows and refuses an empty sheet', () => {
    expect(importSummary([{ row: 2, action: 'create', reason: '', name: '甲' }]).committable).toBe(true)
    expect(importSummary([]).committable).toBe(false)
  })
  it('counts an unknown action as rejected', () => {
    expect(importSummary([{ row: 1, action: 'weird', reason: '缺少列：姓名', name: '' }]).reject).toBe(1)
  })
})

describe('masking display helpers', () => {
  it('masks like the server', () => {
    expect(maskIdNumber('430101201001011234')).toBe('4301**********1234')
    expect(maskPhone('13900001000')).toBe('139****1000')
    expect(maskIdNumber('1234')).toBe('****')
    expect(maskIdNumber('')).toBe('')
  })
  it('recognises masked values', () => {
    expect(isMasked('4301**********1234')).toBe(true)
    expect(isMasked('430101201001011234')).toBe(false)
    expect(isMasked(null)).toBe(false)
  })
  it('shows the revealed value first, then the masked one, then a dash', () => {
    expect(displaySensitive('139****1000', '13900001000')).toBe('13900001000')
    expect(displaySensitive('139****1000', null)).toBe('139****1000')
    expect(displaySensitive(null)).toBe('—')
  })
  it('groups an ID number 6-8-4', () => {
    expect(formatIdNumber('430101201001011234')).toBe('430101 20100101 1234')
    expect(formatIdNumber('short')).toBe('short')
  })
})

describe('chart counts and villages', () => {
  const kids = [
    { categories: ['migrant', 'left_behind'], category_labels: ['流动儿童', '留守儿童'], village: { id: 2, name: '柳塘村' } },
    { categories: ['left_behind'], category_labels: ['留守儿童'], village: { id: 1, name: '青石村' } },
    { categories: ['orphan'], category_labels: ['孤儿'], village: { id: 2, name: '柳塘村' } },
  ]
  it('counts children per category in category order', () => {
    expect(categoryCounts(kids).map((c) => [c.code, c.count])).toEqual([
      ['left_behind', 2],
      ['migrant', 1],
      ['orphan', 1],
    ])
  })
  it('lists distinct villages', () => {
    expect(villagesOf(kids).map((v) => v.id).sort()).toEqual([1, 2])
  })
})

describe('form payload and server fields', () => {
  it('leaves out an empty ID number and phone on update', () => {
    const f = { ...emptyChildForm(), name: ' 安安 ', village_id: 3, categories: ['orphan'] }
    const body = childPayload(f, true)
    expect(body.name).toBe('安安')
    expect('id_number' in body).toBe(false)
    expect('guardian_phone' in body).toBe(false)
    expect(body.school_id).toBeNull()
    expect(childPayload(f, false).id_number).toBe('')
  })
  it('maps a server field to a form field', () => {
    expect(formFieldOf('id_number')).toBe('id_number')
    expect(formFieldOf('categories[1]')).toBe('categories')
    expect(formFieldOf('reason')).toBeNull()
    expect(formFieldOf(undefined)).toBeNull()
  })
  it('sends .csv as text/csv and anything else as .xlsx', () => {
    expect(sheetType('台账.CSV')).toBe('text/csv')
    expect(sheetType('台账.xlsx')).toMatch(/spreadsheetml/)
  })
})
