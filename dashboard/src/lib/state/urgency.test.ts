import { LATE_AFTER_MIN, WARN_AFTER_MIN, orderUrgency } from './urgency';

describe('order urgency', () => {
  it('turns amber, then red, as an order waits', () => {
    expect(orderUrgency(0)).toBe('ok');
    expect(orderUrgency(WARN_AFTER_MIN * 60_000 - 1)).toBe('ok');
    expect(orderUrgency(WARN_AFTER_MIN * 60_000)).toBe('warn');
    expect(orderUrgency(LATE_AFTER_MIN * 60_000 - 1)).toBe('warn');
    expect(orderUrgency(LATE_AFTER_MIN * 60_000)).toBe('late');
  });
});
