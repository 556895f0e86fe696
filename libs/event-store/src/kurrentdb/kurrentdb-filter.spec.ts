import { SCHEMA_STREAM_ID, serverRegexText, storeFilter } from './kurrentdb-filter';

describe("what a KurrentDB store reads of $all", () => {
  // The server's regular expressions are .NET's; for \uXXXX escapes, literals, groups and (?!…) JavaScript's agree.
  const serverMatches = (filter: ReturnType<typeof storeFilter>, subject: string) => new RegExp(filter.server.regex).test(subject);

  it('escapes every character but letters and digits, so nothing in a name is special', () => {
    expect(serverRegexText('lead-1.$*')).toBe('lead\\u002d1\\u002e\\u0024\\u002a');
    for (const text of ['a.b', 'x*y+z?', '(group)', '[set]', 'лид-Ω', '😀-lead-', 'back\\slash', 'end$']) {
      expect(new RegExp(`^${serverRegexText(text)}$`).test(text)).toBe(true);
    }
    expect(new RegExp(`^${serverRegexText('a.b')}$`).test('axb')).toBe(false);
  });

  it('filters its namespace on the server, without the schema record', () => {
    const filter = storeFilter('sales/', undefined);
    expect(filter.server.filterOn).toBe('streamName');
    expect(serverMatches(filter, 'sales/lead-1')).toBe(true);
    expect(serverMatches(filter, 'other/lead-1')).toBe(false);
    expect(serverMatches(filter, `sales/${SCHEMA_STREAM_ID}`)).toBe(false);
    expect(serverMatches(filter, `sales/${SCHEMA_STREAM_ID}-2`)).toBe(true);
    expect(filter.accepts('sales/lead-1', 'LeadCaptured')).toBe(true);
    expect(filter.accepts(`sales/${SCHEMA_STREAM_ID}`, 'SalesOpsStoreSchemaVersionRecorded')).toBe(false);
    expect(filter.accepts('sales/lead-1', '$>')).toBe(false);
  });

  it('without a namespace, leaves out system streams on the server and system events here', () => {
    const filter = storeFilter('', { streamPrefix: 'lead-' });
    expect(serverMatches(filter, 'lead-1')).toBe(true);
    expect(serverMatches(filter, '$ce-lead')).toBe(false);
    expect(serverMatches(filter, 'deal-1')).toBe(false);
    expect(storeFilter('', undefined).accepts('$stats-1', 'LeadCaptured')).toBe(false);
    expect(serverMatches(storeFilter('', undefined), '$$lead-1')).toBe(false);
  });

  it('sends event types alone to the server as a type filter, and checks the namespace here', () => {
    const filter = storeFilter('sales/', { eventTypes: ['DealWon', 'Deal.Lost'] });
    expect(filter.server.filterOn).toBe('eventType');
    expect(serverMatches(filter, 'DealWon')).toBe(true);
    expect(serverMatches(filter, 'DealWonAgain')).toBe(false);
    expect(serverMatches(filter, 'DealXLost')).toBe(false);
    expect(filter.accepts('sales/deal-1', 'DealWon')).toBe(true);
    expect(filter.accepts('elsewhere/deal-1', 'DealWon')).toBe(false);
    expect(filter.accepts('sales/deal-1', 'DealOpened')).toBe(false);
  });

  it('with a prefix and types, filters the streams on the server and the types here', () => {
    const filter = storeFilter('sales/', { streamPrefix: 'lead-', eventTypes: ['Even'] });
    expect(filter.server.filterOn).toBe('streamName');
    expect(serverMatches(filter, 'sales/lead-2')).toBe(true);
    expect(filter.accepts('sales/lead-2', 'Even')).toBe(true);
    expect(filter.accepts('sales/lead-2', 'Odd')).toBe(false);
    expect(filter.accepts('sales/deal-2', 'Even')).toBe(false);
  });
});
