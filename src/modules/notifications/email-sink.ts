import nodemailer, { type Transporter } from 'nodemailer';

/** Where the email channel sends notifications: one small interface, so a test can stand in for it. */
export interface EmailSink {
  /** Resolves once the SMTP server accepted the message. */
  send(mail: { to: string; subject: string; text: string; messageId: string }): Promise<void>;
  close(): Promise<void>;
}

/** Email over SMTP (nodemailer) when SMTP_URL is set: `smtp://user:pass@host:port` or `smtps://...`. */
export class SmtpSink implements EmailSink {
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: { to: string; subject: string; text: string; messageId: string }): Promise<void> {
    // The delivery's id as Message-ID: a retried send is recognisably the same message.
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.messageId}@trove>` });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** A notification as an email: a subject naming what happened, and its facts one per line. */
export function emailOf(message: { type: string; count: number; data: unknown }): { subject: string; text: string } {
  const subjects: Record<string, string> = {
    'order.received': 'You have a new order', 'order.paid': 'Your order is paid', 'order.shipped': 'Your order has shipped',
    'order.delivered': 'Your order was delivered', 'order.completed': 'An order is completed', 'order.cancelled': 'An order was cancelled',
    'order.refunded': 'An order was refunded', 'auction.outbid': 'You were outbid', 'auction.won': 'You won an auction', 'auction.ended': 'Your auction ended',
  };
  const subject = `${subjects[message.type] ?? message.type}${message.count > 1 ? ` (${message.count} times)` : ''}`;
  const facts = Object.entries((message.data ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${String(v)}`);
  return { subject, text: `${subject}.\n\n${facts.join('\n')}\n` };
}
