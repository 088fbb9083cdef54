import { connectionMarker } from './indicator';

describe('connection marker', () => {
  it('names every connection state with one of the four values CONTRACT.md promises', () => {
    expect(connectionMarker('live')).toBe('live');
    expect(connectionMarker('catching_up')).toBe('catching-up');
    expect(connectionMarker('reconnecting')).toBe('reconnecting');
    expect(connectionMarker('connecting')).toBe('reconnecting');
    expect(connectionMarker('offline')).toBe('offline');
  });
});
