/** The users' roles and their labels, shared by the server's access rules and the admin screens. */

export const ROLES = ['agent', 'engineer', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** 角色 as the UI shows it. */
export const ROLE_LABELS: Record<Role, string> = { agent: '客服坐席', engineer: '网维工程师', admin: '系统管理员' }
