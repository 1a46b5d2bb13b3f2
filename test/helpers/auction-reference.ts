import { incrementAt, type Increment } from '../../src/modules/auctions/engine.js';

export interface LoggedBid {
  bidderId: string;
  maxMinor: number;
  priceAfterMinor: number;
  leaderAfter: string;
}

/**
 * The English auction's rules stated as simply as possible, replayed over an accepted-bid log.
 * Counts anomalies: a bid below the least acceptable, or a price or leader after a bid other than
 * the model's. Returns the final leader, its maximum and the price.
 */
export function replayBids(log: readonly LoggedBid[], startMinor: number, increments: readonly Increment[]) {
  let leader: string | null = null;
  let leaderMax = 0;
  let price = startMinor;
  let anomalies = 0;
  for (const b of log) {
    const minimum = leader === null ? startMinor : b.bidderId === leader ? leaderMax + 1 : price + incrementAt(increments, price);
    if (b.maxMinor < minimum) anomalies += 1;
    if (leader === null) [leader, leaderMax] = [b.bidderId, b.maxMinor];
    else if (b.bidderId === leader) leaderMax = b.maxMinor;
    else if (b.maxMinor > leaderMax) [price, leader, leaderMax] = [Math.min(b.maxMinor, leaderMax + incrementAt(increments, leaderMax)), b.bidderId, b.maxMinor];
    else price = Math.max(price, Math.min(leaderMax, b.maxMinor + incrementAt(increments, b.maxMinor)));
    if (b.leaderAfter !== leader || b.priceAfterMinor !== price) anomalies += 1;
  }
  return { leader, leaderMax, price, anomalies };
}
