/**
 * A lost update with several calls in flight from one task. Two sales run under one Promise.all;
 * each loads the balance, then saves balance + price, so both can load 0 and the second save
 * overwrites the first (the sellGrapes / sellOlives example of nodejs-design-patterns-book/
 * nodejsdesignpatterns.com#12, "Node.js race conditions"). The fix, as there, runs the
 * read-modify-write under a mutex (here a promise chain).
 */

/** The fake database: one balance. */
export class FakeLedger {
  balance = 0;
  load = async (): Promise<number> => this.balance;
  save = async (balance: number): Promise<void> => {
    this.balance = balance;
  };
}

export interface Shop {
  sell(item: string, price: number): Promise<void>;
}

/** As first written: load, then save. */
export class RacyShop implements Shop {
  constructor(private readonly ledger: Pick<FakeLedger, 'load' | 'save'>) {}

  async sell(_item: string, price: number): Promise<void> {
    const balance = await this.ledger.load();
    await this.ledger.save(balance + price);
  }
}

/** Fixed: one sale's load and save at a time. */
export class LockedShop implements Shop {
  private lock: Promise<void> = Promise.resolve();
  constructor(private readonly ledger: Pick<FakeLedger, 'load' | 'save'>) {}

  sell(item: string, price: number): Promise<void> {
    const sale = this.lock.then(async () => {
      const balance = await this.ledger.load();
      await this.ledger.save(balance + price);
    });
    this.lock = sale.catch(() => {});
    return sale;
  }
}

export function checkBalance(ledger: FakeLedger, expected: number): void {
  if (ledger.balance !== expected) throw new Error(`balance is ${ledger.balance}, expected ${expected}`);
}

async function twoSales(make: (ledger: Pick<FakeLedger, 'load' | 'save'>) => Shop): Promise<void> {
  const ledger = new FakeLedger();
  const shop = make({
    load: scheduled(ledger.load, { name: 'load' }),
    save: scheduled(ledger.save, { name: 'save' }),
  });
  await Promise.all([shop.sell('grapes', 50), shop.sell('olives', 50)]);
  checkBalance(ledger, 100);
}

export const racyShop = program(() => twoSales((l) => new RacyShop(l)));
export const lockedShop = program(() => twoSales((l) => new LockedShop(l)));
import { program, scheduled } from 'interleave';
