/**
 * The per-process cache of the site settings, with two stores on one database standing for two
 * server processes: a save through one is seen by the other at its next re-check (RECHECK_MS),
 * never earlier and never later; a refresh shows it at once.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db.js';
import { fixedClock } from '../../platform/clock.js';
import { EMPTY_SITE_SETTINGS, type SiteSettings } from './site-settings.js';
import { saveSiteSettingsRow } from './site-settings.repository.js';
import { RECHECK_MS, SiteSettingsStore } from './site-settings.store.js';

const settings = (siteIdCode: string): SiteSettings => {
  const { updatedAt: _, ...empty } = EMPTY_SITE_SETTINGS;
  return { ...empty, siteIdCode };
};

describeEachDialect('site settings cache', (getDb) => {
  it('sees another process’s save at the next re-check', async () => {
    const db = getDb().db;
    const clock = fixedClock('2026-03-02T02:00:00.000Z');
    const a = new SiteSettingsStore(db, clock);
    const b = new SiteSettingsStore(db, clock);
    expect(b.peek()).toBeNull(); // nothing loaded yet; a load starts
    expect((await b.get()).siteIdCode).toBeNull();
    expect(b.peek()?.updatedAt).toBeNull();

    await saveSiteSettingsRow(db, settings('3590000001'), {
      updatedAt: clock.now().toISOString(),
      updatedBy: null,
    });
    expect((await a.refresh()).siteIdCode).toBe('3590000001'); // the saving process: at once
    expect((await b.get()).siteIdCode).toBeNull(); // the other: not before the re-check
    clock.advance(RECHECK_MS - 1);
    expect((await b.get()).siteIdCode).toBeNull();
    clock.advance(1);
    expect(b.peek()?.siteIdCode).toBeNull(); // peek answers at once and starts the re-check…
    expect((await b.get()).siteIdCode).toBe('3590000001'); // …which finds the new revision
    expect(b.peek()?.siteIdCode).toBe('3590000001');

    // A second save at the same instant is still noticed: the revision, not the time, is compared.
    await saveSiteSettingsRow(db, settings('3590000002'), {
      updatedAt: clock.now().toISOString(),
      updatedBy: null,
    });
    clock.advance(RECHECK_MS);
    expect((await b.get()).siteIdCode).toBe('3590000002');
  });

  it('does not cache a failed load, and keeps serving loaded settings while the database is away', async () => {
    const db = getDb().db;
    const clock = fixedClock('2026-03-02T02:00:00.000Z');
    await saveSiteSettingsRow(db, settings('3590000001'), {
      updatedAt: clock.now().toISOString(),
      updatedBy: null,
    });
    let away = true;
    const flaky = new Proxy(db, {
      get(target, prop) {
        if (away && prop === 'selectFrom') throw new Error('database away');
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = new SiteSettingsStore(flaky, clock);
    await expect(store.get()).rejects.toThrow('database away');
    expect(store.peek()).toBeNull(); // starts another load in the background, which fails too
    await new Promise((resolve) => setTimeout(resolve, 0));
    away = false;
    expect((await store.get()).siteIdCode).toBe('3590000001');
    away = true;
    clock.advance(RECHECK_MS);
    expect((await store.get()).siteIdCode).toBe('3590000001'); // the re-check failed: the loaded ones stay
    expect(store.peek()?.siteIdCode).toBe('3590000001');
  });
});
