import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { IDEMPOTENCY_POLICY } from '../../platform/idempotency.js';
import { ErrorResponses, IdParams, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import type { WalletService } from '../wallet/index.js';
import { checkWindow, type Coupons } from './service.js';
import { WHEEL_POLICY, type Wheels } from './wheel.js';
import type { Slice } from './wheel-store.js';

const tags = ['prize wheel'];
const AccountId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9:_.-]{0,127}$' });

const SliceBody = Strict({
  kind: Type.Enum(['coupon', 'coins', 'nothing']),
  label: Type.String({ minLength: 1, maxLength: 60 }),
  campaignId: Type.Optional(Uuid),
  coinAmount: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  coinSourceAccountId: Type.Optional(AccountId),
  weight: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
});

const CreateWheelBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  weightMode: Type.Enum(['stock', 'explicit']),
  spinsPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  validFrom: Timestamp,
  validTo: Timestamp,
  slices: Type.Array(SliceBody, { minItems: 1, maxItems: WHEEL_POLICY.slicesMax }),
});

const WheelSchema = Type.Object({
  id: Uuid, name: Type.String(), weightMode: Type.String(), spinsPerDay: Type.Union([Type.Integer(), Type.Null()]),
  validFrom: Timestamp, validTo: Timestamp,
  slices: Type.Array(Type.Object({ position: Type.Integer(), kind: Type.String(), label: Type.String() })),
});

const SpinSchema = Type.Object({
  id: Uuid, wheelId: Uuid, memberId: Uuid, spinDay: Type.String({ description: 'The member\'s day (its time zone) the spin counts against.' }),
  outcome: Type.Object({
    kind: Type.Enum(['coupon', 'coins', 'nothing']), position: Type.Integer(), label: Type.String(),
    couponId: Type.Optional(Uuid), code: Type.Optional(Type.String()), campaignId: Type.Optional(Uuid),
    amount: Type.Optional(Type.Integer()), transferId: Type.Optional(Uuid),
  }),
  createdAt: Timestamp,
});

type SliceInput = { kind: Slice['kind']; label: string; campaignId?: string; coinAmount?: number; coinSourceAccountId?: string; weight?: number };

/** Each slice names what its kind needs, and only that, and it exists. */
async function toSlices(db: Db, coupons: Coupons, wallet: WalletService, input: SliceInput[]): Promise<Slice[]> {
  const slices: Slice[] = [];
  for (const [position, s] of input.entries()) {
    const invalid = (why: string) => new AppError('WHEEL_SLICE_INVALID', `slice ${position}: ${why}`, [{ field: `body.slices.${position}`, message: why }]);
    if ((s.kind === 'coupon') !== (s.campaignId !== undefined)) throw invalid('campaignId is required exactly for coupon slices');
    if ((s.kind === 'coins') !== (s.coinAmount !== undefined && s.coinSourceAccountId !== undefined)) throw invalid('coinAmount and coinSourceAccountId are required exactly for coins slices');
    if (s.campaignId && !(await coupons.findCampaign(db, s.campaignId))) throw invalid('no such campaign');
    if (s.coinSourceAccountId && (await wallet.findAccount(db, s.coinSourceAccountId))?.asset !== 'COIN') throw invalid('no such COIN account');
    slices.push({ position, kind: s.kind, label: s.label, campaignId: s.campaignId ?? null, coinAmount: s.coinAmount ?? null, coinSourceAccount: s.coinSourceAccountId ?? null, weight: s.weight ?? 0 });
  }
  return slices;
}

export const wheelRoutes: FastifyPluginAsyncTypebox<{ db: Db; coupons: Coupons; wheels: Wheels; wallet: WalletService }> = async (app, { db, coupons, wheels, wallet }) => {
  app.post('/v1/wheels', {
    config: { access: { roles: ['admin'], scope: 'coupons:write' } },
    schema: { tags, summary: 'Create a prize wheel (admin)', body: CreateWheelBody, response: { 201: WheelSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const b = request.body;
    const badWindow = checkWindow(b.validFrom, b.validTo);
    if (badWindow) unwrap(badWindow);
    const slices = await toSlices(db, coupons, wallet, b.slices);
    const wheel = await wheels.create({ name: b.name, weightMode: b.weightMode, spinsPerDay: b.spinsPerDay ?? null, validFrom: b.validFrom, validTo: b.validTo, slices });
    return reply.code(201).send(wheel);
  });

  app.get('/v1/wheels', {
    config: { access: { scope: 'coupons:read' } },
    schema: {
      tags, summary: 'Wheels, newest first: admins (and service keys) every one; members those open for spinning now',
      response: { 200: Type.Object({ items: Type.Array(WheelSchema) }), ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    return { items: await wheels.list(db, !(p.kind === 'service' || isAdmin(p))) };
  });

  app.get('/v1/wheels/:id', {
    config: { access: { scope: 'coupons:read' } },
    schema: { tags, summary: 'A wheel and its slices', params: IdParams, response: { 200: WheelSchema, ...ErrorResponses } },
  }, async (request) => (await wheels.find(db, request.params.id)) ?? Promise.reject(new AppError('WHEEL_NOT_FOUND')));

  app.post('/v1/wheels/:id/spins', {
    config: { access: { scope: 'coupons:write' } },
    schema: {
      tags, summary: 'Spin the wheel for the calling member (the id is the idempotency key)',
      params: IdParams, body: Strict({ id: Uuid }), response: { 201: SpinSchema, 200: SpinSchema, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('FORBIDDEN', 'Members spin, for themselves; a service key cannot.');
    const { spin, created } = unwrap(await wheels.spin({ id: request.body.id, wheelId: request.params.id, memberId: p.memberId, timeZone: p.timeZone }));
    if (!created) void reply.header(IDEMPOTENCY_POLICY.replayHeader, 'true');
    return reply.code(created ? 201 : 200).send(spin);
  });
};
