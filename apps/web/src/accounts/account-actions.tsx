/**
 * What the signed-in role may do to an account now: its owner (the farmer, or the KAM of a key account) and the
 * head of sales log touchpoints, open and close repeat sales, flag a churn risk or record the churn; the head of
 * sales alone gives the account to another farmer, promotes it to a KAM or demotes it back (the API's rules
 * too). Only what the permission matrix gives the role is offered; each form goes once, with If-Match.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import type { AccountPage as Account } from '../api/types';
import { repChoices } from '../app/roster';
import { can, session } from '../app/session';
import { ActionForm, useItemCommand } from '../commands/action-form';
import { amountOf, ChoiceField, Field, MoneyFields, valueOf } from '../commands/fields';
import { formatMoney } from '../i18n/format';
import { word } from '../history/history-text';
import { t } from '../i18n/i18n';
import { Panel } from '../ui/panel';

type Schemas = components['schemas'];
// The choices the API takes, in the order offered; the type check fails when the API's enums move away from them.
const TOUCHPOINT_KINDS = ['check-in', 'qbr', 'visit', 'support'] as const satisfies ReadonlyArray<Schemas['TouchpointDto']['kind']>;
const REPEAT_SALE_KINDS = ['upsell', 'cross-sell', 'renewal'] as const satisfies ReadonlyArray<Schemas['RepeatSaleDto']['kind']>;
const CHURN_LEVELS = ['low', 'medium', 'high'] as const satisfies ReadonlyArray<Schemas['ChurnRiskDto']['level']>;
const CLOSINGS = ['won', 'lost'] as const;

interface ActionProps {
  readonly account: Account;
  /** Called once a command was stored (or refused as stale): the page reads the account again. */
  readonly onChanged: () => void;
}

/** Whether the signed-in person works this account: its farmer, its KAM when key, or the head of sales. */
function worksAccount(account: Account): boolean {
  const current = session.value;
  if (current.status !== 'signed-in') return false;
  const { userId, role } = current.actor;
  return role === 'head-of-sales' || (userId === account.ownerId && role === (account.key ? 'kam' : 'farmer'));
}

export function AccountActions({ account, onChanged }: ActionProps) {
  const active = account.status === 'active';
  const works = active && worksAccount(account);
  const openSales = account.repeatSales.some((sale) => sale.status === 'open');
  const offered = [
    works && can('account:log-touchpoint') && 'touchpoint',
    works && can('account:repeat-sale') && 'open-sale',
    works && openSales && can('account:repeat-sale') && 'close-sale',
    works && can('account:flag-churn-risk') && 'churn-risk',
    active && !account.key && can('account:assign-farmer') && repChoices('farmer').some((rep) => rep.value !== account.ownerId) && 'farmer',
    active && !account.key && can('account:promote-to-key') && repChoices('kam').length > 0 && 'promote',
    active && account.key && can('account:demote-from-key') && repChoices('farmer').length > 0 && 'demote',
    works && !openSales && can('account:churn') && 'churn',
  ].filter((action): action is string => typeof action === 'string');
  if (offered.length === 0) return null;
  const forms: Record<string, (props: ActionProps) => preact.JSX.Element> = {
    touchpoint: TouchpointForm,
    'open-sale': OpenSaleForm,
    'close-sale': CloseSaleForm,
    'churn-risk': ChurnRiskForm,
    farmer: FarmerForm,
    promote: PromoteForm,
    demote: DemoteForm,
    churn: ChurnForm,
  };
  return (
    <Panel title={t('deal.actions')} id="account-actions">
      <div class="actions" data-testid="account-actions">
        {offered.map((action) => {
          const Form = forms[action]!;
          return <Form key={action} account={account} onChanged={onChanged} />;
        })}
      </div>
    </Panel>
  );
}

const accountPath = (account: Account) => ({ params: { path: { accountId: account.accountId } } });

function TouchpointForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const { form, send } = command;
  const [kind, setKind] = useState<(typeof TOUCHPOINT_KINDS)[number]>('check-in');
  const [satisfaction, setSatisfaction] = useState('');
  const [note, setNote] = useState('');
  const id = 'account-touchpoint';
  return (
    <ActionForm
      id={id}
      title={t('account.action.touchpoint')}
      fields={['kind', 'satisfaction', 'note']}
      submitLabel={t('account.action.touchpoint.submit')}
      item={account}
      command={command}
      onSubmit={async () => {
        // A score that is not a whole number goes as typed: the API names the field and says why.
        const body = { kind, ...(satisfaction.trim() ? { satisfaction: Number(satisfaction) } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
        if (await send((headers) => api.POST('/accounts/{accountId}/touchpoints', { ...accountPath(account), body, headers }))) {
          setSatisfaction('');
          setNote('');
        }
      }}
    >
      <ChoiceField form={form} formId={id} name="kind" label={t('deal.field.kind')} value={kind} choices={TOUCHPOINT_KINDS.map((value) => ({ value, label: t(`account.touchpointKind.${value}`) }))} onChange={setKind} />
      <Field form={form} formId={id} name="satisfaction" label={t('account.field.satisfaction')}>
        {(attributes) => <input {...attributes} class="percent" inputMode="numeric" value={satisfaction} onInput={(event) => setSatisfaction(valueOf(event))} />}
      </Field>
      <Field form={form} formId={id} name="note" label={t('deal.field.note')}>
        {(attributes) => <textarea {...attributes} rows={3} maxLength={2000} value={note} onInput={(event) => setNote(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function OpenSaleForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const { form, send } = command;
  const [kind, setKind] = useState<(typeof REPEAT_SALE_KINDS)[number]>('upsell');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(account.revenue.currency);
  const [description, setDescription] = useState('');
  const id = 'account-open-sale';
  return (
    <ActionForm
      id={id}
      title={t('account.action.openSale')}
      fields={['kind', 'estimatedValue.amount', 'estimatedValue.currency', 'description']}
      submitLabel={t('account.action.openSale.submit')}
      item={account}
      command={command}
      onSubmit={async () => {
        const body = { kind, estimatedValue: { amount: amountOf(amount), currency: currency.trim().toUpperCase() }, ...(description.trim() ? { description: description.trim() } : {}) };
        if (await send((headers) => api.POST('/accounts/{accountId}/repeat-sales', { ...accountPath(account), body, headers }))) {
          setAmount('');
          setDescription('');
        }
      }}
    >
      <ChoiceField form={form} formId={id} name="kind" label={t('deal.field.kind')} value={kind} choices={REPEAT_SALE_KINDS.map((value) => ({ value, label: t(`forecast.stage.${value}`) }))} onChange={setKind} />
      <MoneyFields
        form={form}
        formId={id}
        name="estimatedValue"
        label={t('lead.value')}
        amount={amount}
        currency={currency}
        onAmount={(event) => setAmount(valueOf(event))}
        onCurrency={(event) => setCurrency(valueOf(event))}
      />
      <Field form={form} formId={id} name="description" label={t('account.field.description')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={2000} value={description} onInput={(event) => setDescription(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function CloseSaleForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const { form, send } = command;
  const open = account.repeatSales.filter((sale) => sale.status === 'open');
  const [picked, setPicked] = useState('');
  const sale = open.find((each) => each.repeatSaleId === picked) ?? open[0]!;
  const [closing, setClosing] = useState<(typeof CLOSINGS)[number]>('won');
  // What was agreed is, as a rule, what was estimated: the amount starts there until the person types another.
  const [typed, setTyped] = useState<string | undefined>();
  const amount = typed ?? String(sale.estimatedValue.amount);
  const [reason, setReason] = useState('');
  const id = 'account-close-sale';
  const path = { params: { path: { accountId: account.accountId, repeatSaleId: sale.repeatSaleId } } };
  return (
    <ActionForm
      id={id}
      title={t('account.action.closeSale')}
      fields={['amount.amount', 'amount.currency', 'reason']}
      submitLabel={t('account.action.closeSale.submit')}
      item={account}
      command={command}
      onSubmit={async () => {
        const done = await send((headers) =>
          closing === 'won'
            ? api.POST('/accounts/{accountId}/repeat-sales/{repeatSaleId}/win', { ...path, body: { amount: { amount: amountOf(amount), currency: sale.estimatedValue.currency } }, headers })
            : api.POST('/accounts/{accountId}/repeat-sales/{repeatSaleId}/lose', { ...path, body: { reason: reason.trim() }, headers }),
        );
        if (done) {
          setTyped(undefined);
          setReason('');
        }
      }}
    >
      <ChoiceField
        form={form}
        formId={id}
        name="repeatSaleId"
        label={t('account.field.repeatSale')}
        value={sale.repeatSaleId}
        choices={open.map((each) => ({ value: each.repeatSaleId, label: `${word('forecast.stage', each.kind)}, ${formatMoney(each.estimatedValue.amount, each.estimatedValue.currency)}` }))}
        onChange={(value) => {
          setPicked(value);
          setTyped(undefined);
        }}
      />
      <ChoiceField form={form} formId={id} name="closing" label={t('deal.field.result')} value={closing} choices={CLOSINGS.map((value) => ({ value, label: t(`account.closing.${value}`) }))} onChange={setClosing} />
      {closing === 'won' ? (
        <Field form={form} formId={id} name="amount.amount" label={t('account.field.wonAmount', { currency: sale.estimatedValue.currency })}>
          {(attributes) => <input {...attributes} inputMode="decimal" value={amount} onInput={(event) => setTyped(valueOf(event))} />}
        </Field>
      ) : (
        <Field form={form} formId={id} name="reason" label={t('account.field.lostReason')}>
          {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
        </Field>
      )}
    </ActionForm>
  );
}

function ChurnRiskForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const { form, send } = command;
  const [level, setLevel] = useState<(typeof CHURN_LEVELS)[number]>('medium');
  const [reason, setReason] = useState('');
  const id = 'account-churn-risk';
  return (
    <ActionForm
      id={id}
      title={t('account.action.churnRisk')}
      fields={['level', 'reason']}
      submitLabel={t('account.action.churnRisk.submit')}
      item={account}
      command={command}
      onSubmit={async () => {
        if (await send((headers) => api.POST('/accounts/{accountId}/churn-risk', { ...accountPath(account), body: { level, reason: reason.trim() }, headers }))) setReason('');
      }}
    >
      <ChoiceField form={form} formId={id} name="level" label={t('account.field.level')} value={level} choices={CHURN_LEVELS.map((value) => ({ value, label: t(`queue.churnLevel.${value}`) }))} onChange={setLevel} />
      <Field form={form} formId={id} name="reason" label={t('account.field.riskReason')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

/** The head of sales gives the account to another farmer. */
function FarmerForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const choices = repChoices('farmer').filter((rep) => rep.value !== account.ownerId);
  const [picked, setPicked] = useState('');
  const farmerId = picked || choices[0]?.value || '';
  const id = 'account-farmer';
  return (
    <ActionForm
      id={id}
      title={account.ownerId ? t('account.action.reassign') : t('account.action.assign')}
      fields={['farmerId']}
      submitLabel={t('lead.action.assign.submit')}
      item={account}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/accounts/{accountId}/farmer', { ...accountPath(account), body: { farmerId }, headers }))}
    >
      <ChoiceField form={command.form} formId={id} name="farmerId" label={t('role.farmer')} value={farmerId} choices={choices} onChange={setPicked} />
    </ActionForm>
  );
}

function PromoteForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const [kamId, setKamId] = useState('');
  const id = 'account-promote';
  return (
    <ActionForm
      id={id}
      title={t('account.action.promote')}
      fields={['kamId']}
      submitLabel={t('account.action.promote.submit')}
      item={account}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/accounts/{accountId}/promote-to-key', { ...accountPath(account), body: kamId ? { kamId } : {}, headers }))}
    >
      <ChoiceField
        form={command.form}
        formId={id}
        name="kamId"
        label={t('role.kam')}
        value={kamId}
        choices={[{ value: '', label: t('account.field.kam.leastLoaded') }, ...repChoices('kam')]}
        onChange={setKamId}
      />
    </ActionForm>
  );
}

function DemoteForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const choices = repChoices('farmer');
  const [picked, setPicked] = useState('');
  const farmerId = picked || choices[0]?.value || '';
  const [reason, setReason] = useState('');
  const id = 'account-demote';
  return (
    <ActionForm
      id={id}
      title={t('account.action.demote')}
      fields={['farmerId', 'reason']}
      submitLabel={t('account.action.demote.submit')}
      item={account}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/accounts/{accountId}/demote-from-key', { ...accountPath(account), body: { farmerId, reason: reason.trim() }, headers }))}
    >
      <ChoiceField form={command.form} formId={id} name="farmerId" label={t('role.farmer')} value={farmerId} choices={choices} onChange={setPicked} />
      <Field form={command.form} formId={id} name="reason" label={t('account.field.demoteReason')}>
        {(attributes) => <input {...attributes} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}

function ChurnForm({ account, onChanged }: ActionProps) {
  const command = useItemCommand(account, onChanged);
  const [reason, setReason] = useState('');
  const id = 'account-churn';
  return (
    <ActionForm
      id={id}
      title={t('account.action.churn')}
      fields={['reason']}
      submitLabel={t('account.action.churn.submit')}
      item={account}
      command={command}
      onSubmit={() => void command.send((headers) => api.POST('/accounts/{accountId}/churn', { ...accountPath(account), body: { reason: reason.trim() }, headers }))}
    >
      <Field form={command.form} formId={id} name="reason" label={t('account.field.churnReason')}>
        {(attributes) => <textarea {...attributes} rows={2} maxLength={1000} value={reason} onInput={(event) => setReason(valueOf(event))} />}
      </Field>
    </ActionForm>
  );
}
