// Types of the JSON API (base /api/v1). All times are epoch milliseconds.

export type Stage = 'full' | 'must_change_password' | 'must_enroll_totp'
export type Scope = 'own_unit' | 'units' | 'township'
export type UnitKind =
  | 'town'
  | 'department'
  | 'police_station'
  | 'judicial_office'
  | 'womens_federation'
  | 'school'
  | 'village'
  | 'other'

export interface ListResult<T> {
  items: T[]
  total: number
}

export interface Grant {
  id: number
  role: string
  label: string
  scope: Scope
  unit_ids: number[]
}

export interface Me {
  id: number
  username: string
  display_name: string
  unit: { id: number; name: string; kind: UnitKind }
  roles: Grant[]
  permissions: string[]
  stage: Stage
  totp_enabled: boolean
  totp_required: boolean
  csrf_token: string
}

export interface Unit {
  id: number
  parent_id: number | null
  name: string
  kind: UnitKind
  code: string
  aliases: string[]
}

export interface UnitInput {
  name?: string
  kind?: UnitKind
  parent_id?: number | null
  code?: string
  aliases?: string[]
}

export interface User {
  id: number
  username: string
  display_name: string
  unit: { id: number; name: string }
  sex: 'F' | 'M' | null
  phone_masked: string | null
  active: boolean
  locked: boolean
  must_change_password: boolean
  totp_enabled: boolean
  roles: Grant[]
  created_at: number
}

export interface UserCreateInput {
  username: string
  display_name: string
  unit_id: number
  sex?: 'F' | 'M' | null
  phone?: string
  initial_password: string
}

export interface UserUpdateInput {
  display_name?: string
  unit_id?: number
  sex?: 'F' | 'M' | null
  phone?: string
  active?: boolean
}

export interface UserQuery {
  q?: string
  unit_id?: number
  page?: number
  page_size?: number
}

export interface GrantInput {
  role: string
  scope: Scope
  unit_ids?: number[]
}

export interface Role {
  name: string
  label: string
  admin: boolean
  permissions: string[]
}

export interface Session {
  id: string
  user_id: number
  username: string
  created_at: number
  last_seen_at: number
  expires_at: number
  ip: string
  user_agent: string
  current: boolean
}

export interface Policy {
  key: string
  value: string
  kind: 'security' | 'general'
  value_type: 'int' | 'text'
  min: number | null
  max: number | null
  label: string
  updated_at?: number
}

export interface AuditEntry {
  id: number
  at: number
  actor_username: string
  action: string
  object_type: string
  object_id: string
  detail: Record<string, unknown>
  ip: string
  request_id: string
}

export interface AuditQuery {
  actor?: string
  action?: string
  object_type?: string
  from?: number
  to?: number
  page?: number
  page_size?: number
}

export interface AuditVerifyResult {
  ok: boolean
  entries: number
  first_bad_id: number | null
  reason: string
}

export interface TotpSetup {
  secret: string
  otpauth_uri: string
}
