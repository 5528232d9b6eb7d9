/**
 * The actions the audit log records (GET /api/audit), in Chinese. The server writes the action as a
 * string where it happens (auth, routes, feeds, CLIs); this is the list the admin screen names and
 * filters them by, and a new audited action belongs here.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  password_changed: '修改本人密码',
  user_created: '新建用户',
  user_changed: '修改用户',
  token_issued: '签发令牌',
  token_revoked: '吊销令牌',
  embed_token_issued: '签发嵌入页令牌',
  bootstrap: '系统初始化',
  import: '导入数据',
  import_failed: '导入失败',
  import_duplicate: '重复导入(已跳过)',
  import_mapping_saved: '保存导入映射',
  import_mapping_removed: '删除导入映射',
  override: '改判投诉原因',
  export: '导出',
  template: '修改解释口径',
  webhook_created: '新建推送订阅',
  webhook_deleted: '删除推送订阅',
  publish_type_created: '新建发布类型',
  publish_type_changed: '修改发布类型',
  publish_created: '发布信息',
  publish_changed: '修改发布信息',
  publish_withdrawn: '撤回发布信息',
  publish_expired: '发布信息到期',
}
