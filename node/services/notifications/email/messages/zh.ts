/** Chinese e-mail catalogue; the keys are those of en.ts. */
import type { EmailCatalogue } from './en.js';

export const zh: EmailCatalogue = {
  'greeting': '您好：',
  'applicantFooter': '本邮件由{office}的文件交换服务发送，因为优先权文件{documentId}登记了此地址。如不想再收到此类邮件，请使用您的申请人密钥删除该地址。时间均为协调世界时（UTC）。',
  'staffFooter': '本邮件由{office}的 ipex 节点发送给其工作人员。时间均为协调世界时（UTC）。',
  'retrieved.subject': '{office}已获取您的优先权文件{applicationNumber}',
  'retrieved.body': '{time}，局{office}使用访问码获取了您的优先权文件（申请号{applicationNumber}）。审计日志第{logIndex}条记录了此事。',
  'pending.subject': '{office}请求获取您的优先权文件{applicationNumber}',
  'pending.body': '{time}，局{office}使用访问码请求获取您的优先权文件（申请号{applicationNumber}）。该文件将于{availableFrom}可供获取，届时对方将收到。',
  'refused.subject': '获取您的优先权文件{applicationNumber}的请求被拒绝',
  'refused.wrongCode': '{time}，局{office}使用错误的访问码请求获取您的优先权文件（申请号{applicationNumber}），请求被拒绝。',
  'refused.notAllowed': '{time}，局{office}使用正确的访问码请求获取您的优先权文件（申请号{applicationNumber}），但您未授权该局，因此请求被拒绝。',
  'refused.locked': '{time}，局{office}请求获取您的优先权文件（申请号{applicationNumber}），请求被拒绝：该局已被锁定。',
  'refused.lockedUntil': '由于多次失败，{office}在{lockedUntil}之前无法获取该文件。如果您没有将访问码提供给该局，请申请新的访问码。',
  'code.subject': '已为您的优先权文件{applicationNumber}签发新的访问码',
  'code.body': '{time}，已为您的优先权文件（申请号{applicationNumber}）签发新的访问码；原访问码已失效。如果并非您本人申请，请立即联系该局。',
  'available.subject': '您的优先权文件{applicationNumber}现已可供获取',
  'available.body': '自{availableFrom}起，您授权的局可以使用访问码获取您的优先权文件（申请号{applicationNumber}）。',
  'alert.subject': '{office}的 ipex 警报：{kind}',
  'alert.body': '{time}发出了一条工作人员警报（{kind}，涉及{subject}）：{detail}',
};
