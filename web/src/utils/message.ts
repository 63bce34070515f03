// Element Plus's message and message box, imported by path for the same reason as plugins/element.ts.
export { ElMessage } from 'element-plus/es/components/message/index.mjs'
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs'
