import { checkEventData, type CallScriptEvent } from '#libs/contracts';
import { given } from '../../../event-sourcing/src/decider-specification';
import { callScriptDecider } from './call-script.decider';

const v1: CallScriptEvent = { type: 'CallScriptPublished', data: { scriptId: 'cold-call', version: 1, title: 'Холодный звонок', steps: ['Представиться', 'Выяснить ЛПР'] } };
const retired: CallScriptEvent = { type: 'CallScriptRetired', data: { scriptId: 'cold-call' } };
const publish = (isNew: boolean) => ({ type: 'PublishCallScript' as const, scriptId: 'cold-call', title: 'Холодный звонок', steps: ['Представиться', 'Выяснить ЛПР'], isNew });

describe('Call script decider', () => {
  it('publishes version 1, then numbered versions', () => {
    given(callScriptDecider, []).when(publish(true)).then([v1]);
    given(callScriptDecider, [v1]).when(publish(false)).then([{ type: 'CallScriptPublished', data: { ...v1.data, version: 2 } } as CallScriptEvent]);
    expect(() => checkEventData(v1.type, v1.data)).not.toThrow();
  });

  it('refuses a new script under a taken id, a version of an unknown one, and anything after retirement', () => {
    given(callScriptDecider, [v1]).when(publish(true)).thenRejects('invalid-transition', 'script-exists');
    given(callScriptDecider, []).when(publish(false)).thenRejects('not-found', 'script-not-found');
    given(callScriptDecider, [v1]).when({ type: 'RetireCallScript', scriptId: 'cold-call' }).then([retired]);
    given(callScriptDecider, [v1, retired]).when(publish(false)).thenRejects('invalid-transition', 'script-retired');
    given(callScriptDecider, [v1, retired]).when({ type: 'RetireCallScript', scriptId: 'cold-call' }).then([]);
  });
});
