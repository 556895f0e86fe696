/** Steps of the department's story that several end-to-end tests start from. */
import { eventually } from './eventually';
import type { TestApp } from './http-app';

export const newLead = {
  company: { name: 'ООО «Ромашка»', taxId: '7707083893' },
  contact: { name: 'Иван Петров', email: 'ivan@romashka.ru', phone: '+7 495 123-45-67' },
  estimatedValue: { amount: 450000, currency: 'RUB' },
};

export const qualification = {
  budget: { amount: 500000, currency: 'RUB' },
  authority: 'Генеральный директор',
  need: 'CRM для отдела продаж',
  timing: 'до конца квартала',
  estimatedValue: { amount: 450000, currency: 'RUB' },
};

/** A lead captured, worked and handed to `hunterId`; resolves once its deal is open. */
export async function handedOffDeal(app: TestApp, hunterId = 'h-anna'): Promise<{ leadId: string; dealId: string; correlationId: string }> {
  const head = await app.token('head-of-sales', 'rop-1');
  const ivan = await app.token('lead-generator', 'lg-ivan');
  const ok = async (method: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await app.request(method, path, { token, body, headers });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const { leadId } = await ok('POST', '/leads', ivan, newLead);
  await ok('POST', `/leads/${leadId}/assign`, head, { leadGeneratorId: 'lg-ivan' });
  await ok('POST', `/leads/${leadId}/contact-attempts`, ivan, { channel: 'call', outcome: 'reached' });
  await ok('POST', `/leads/${leadId}/qualify`, ivan, qualification);
  const correlationId = `handoff-${leadId}`;
  const { dealId } = await ok('POST', `/leads/${leadId}/hand-off`, ivan, { hunterId }, { 'x-correlation-id': correlationId });
  await eventually(async () => (await app.request('GET', `/deals/${dealId}`, { token: head })).status === 200);
  return { leadId, dealId, correlationId };
}


/** A deal handed off, worked and won by its hunter; resolves once the client's account is open. */
export async function wonAccount(app: TestApp, hunterId = 'h-anna'): Promise<{ leadId: string; dealId: string; accountId: string; correlationId: string }> {
  const handoff = await handedOffDeal(app, hunterId);
  const hunter = await app.token('hunter', hunterId);
  const won = await app.request('POST', `/deals/${handoff.dealId}/win`, { token: hunter, body: { amount: { amount: 470000, currency: 'RUB' } } });
  if (won.status !== 200) throw new Error(`win: ${won.status} ${JSON.stringify(won.body)}`);
  const { accountId } = won.body as { accountId: string };
  const head = await app.token('head-of-sales', 'rop-1');
  await eventually(async () => (await app.request('GET', `/accounts/${accountId}`, { token: head })).status === 200);
  return { ...handoff, accountId };
}
