// Schemas of the users page: table columns and form rules, as data.
import type { FormRules } from 'element-plus'
import type { User } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string

export interface Column {
  prop: string
  label: string
  minWidth?: number
  width?: number
  slot?: string
}

export function userColumns(t: T): Column[] {
  return [
    { prop: 'username', label: t('users.username'), minWidth: 130, slot: 'username' },
    { prop: 'display_name', label: t('users.displayName'), minWidth: 100 },
    { prop: 'unit', label: t('users.unit'), minWidth: 150, slot: 'unit' },
    { prop: 'roles', label: t('users.roles'), minWidth: 180, slot: 'roles' },
    { prop: 'status', label: t('users.status'), minWidth: 110, slot: 'status' },
    { prop: 'totp_enabled', label: t('users.totp'), width: 100, slot: 'totp' },
    { prop: 'created_at', label: t('users.createdAt'), width: 170, slot: 'created_at' },
  ]
}

export interface StatusTag {
  key: string
  type: 'success' | 'warning' | 'danger' | 'info'
}

/** The status tags of a user: disabled, locked, must change password; or just "active". */
export function userStatusTags(u: Pick<User, 'active' | 'locked' | 'must_change_password'>): StatusTag[] {
  const tags: StatusTag[] = []
  if (!u.active) tags.push({ key: 'users.inactive', type: 'info' })
  if (u.locked) tags.push({ key: 'users.locked', type: 'danger' })
  if (u.must_change_password) tags.push({ key: 'users.mustChange', type: 'warning' })
  if (!tags.length) tags.push({ key: 'users.active', type: 'success' })
  return tags
}

export interface UserForm {
  username: string
  display_name: string
  unit_id: number | null
  sex: 'F' | 'M' | ''
  phone: string
  initial_password: string
  active: boolean
}

export function emptyUserForm(): UserForm {
  return { username: '', display_name: '', unit_id: null, sex: '', phone: '', initial_password: '', active: true }
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/
export const PHONE_PATTERN = /^1\d{10}$/

export function userRules(t: T, creating: boolean): FormRules {
  const rules: FormRules = {
    display_name: [
      { required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }), trigger: 'blur' },
    ],
    unit_id: [{ required: true, message: t('common.requiredSelect', { field: t('users.unitOwn') }), trigger: 'change' }],
    phone: [{ pattern: PHONE_PATTERN, message: t('users.phoneInvalid'), trigger: 'blur' }],
  }
  if (creating) {
    rules.username = [
      { required: true, message: t('common.required', { field: t('users.username') }), trigger: 'blur' },
      { pattern: USERNAME_PATTERN, message: t('users.usernamePlaceholder'), trigger: 'blur' },
    ]
    rules.initial_password = [
      { required: true, message: t('common.required', { field: t('users.initialPassword') }), trigger: 'blur' },
    ]
  }
  return rules
}
