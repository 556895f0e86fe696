import { accountIdForDeal, dealIdForLead } from './derived-ids';

describe('ids derived across contexts', () => {
  it('stay what stored histories hold: a changed namespace would give a handed-off lead a second deal', () => {
    expect(dealIdForLead('lead-1')).toBe('65723c7b-5491-5861-8c7d-3167995ea74c');
    expect(accountIdForDeal('deal-1')).toBe('8379ed3c-bf19-574f-85b6-c4dd581ed349');
  });

  it('differ between inputs and between the two kinds', () => {
    expect(dealIdForLead('lead-2')).not.toBe(dealIdForLead('lead-1'));
    expect(accountIdForDeal('lead-1')).not.toBe(dealIdForLead('lead-1'));
  });
});
