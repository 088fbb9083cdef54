import { ApiError } from '../api/http';
import { deferred } from '../testing';
import { Resource } from './resource.svelte';

describe('Resource', () => {
  it('holds the loaded value and says when it is loading', async () => {
    const resource = new Resource<string[]>();
    const pending = deferred<string[]>();
    const load = resource.load(() => pending.promise);
    expect(resource.loading).toBe(true);
    expect(resource.value).toBeNull();
    pending.resolve(['a']);
    await load;
    expect(resource.loading).toBe(false);
    expect(resource.value).toEqual(['a']);
    expect(resource.error).toBeNull();
  });

  it('keeps the old value through a reload, and through a failed one', async () => {
    const resource = new Resource<string>();
    await resource.load(async () => 'en');
    const pending = deferred<string>();
    const reload = resource.load(() => pending.promise);
    expect(resource.value).toBe('en');
    pending.reject(new ApiError(503, 'unavailable', 'busy'));
    await reload;
    expect(resource.value).toBe('en');
    expect(resource.error?.code).toBe('unavailable');
  });

  it('turns a thrown non-API error into a network ApiError', async () => {
    const resource = new Resource<string>();
    await resource.load(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(resource.error).toBeInstanceOf(ApiError);
    expect(resource.error?.code).toBe('network');
  });

  it('aborts the load before it: a late answer cannot overwrite a newer one', async () => {
    const resource = new Resource<string>();
    const first = deferred<string>();
    let firstSignal: AbortSignal | undefined;
    const firstLoad = resource.load((signal) => {
      firstSignal = signal;
      return first.promise;
    });
    await resource.load(async () => 'second');
    expect(firstSignal?.aborted).toBe(true);
    first.resolve('first, late');
    await firstLoad;
    expect(resource.value).toBe('second');
    expect(resource.loading).toBe(false);
  });

  it('reset() forgets the value and the error and aborts what is in flight', async () => {
    const resource = new Resource<string>();
    await resource.load(async () => {
      throw new ApiError(404, 'not_found', 'gone');
    });
    await resource.load(async () => 'value');
    const pending = deferred<string>();
    let signal: AbortSignal | undefined;
    const load = resource.load((s) => {
      signal = s;
      return pending.promise;
    });
    resource.reset();
    expect(signal?.aborted).toBe(true);
    pending.resolve('after reset');
    await load;
    expect(resource.value).toBeNull();
    expect(resource.error).toBeNull();
    expect(resource.loading).toBe(false);
  });
});
