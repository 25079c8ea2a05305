// The commission's console (docs/api.md): members invited by the commission enroll their own signing key, sign in
// with it over a one-time challenge and get a session cookie; the actions log says who did what. The admin token
// stays for scripts.

import { IdSchema } from '@saylau/protocol';
import {
  ActionsAnswer,
  ChallengeAnswer,
  EnrollAnswer,
  EnrollRequest,
  InvitationAnswer,
  InvitationRequest,
  MembersAnswer,
  SessionAnswer,
  SignInRequest,
} from '@saylau/protocol/commission-client';
import { z } from 'zod';
import { type Api, QueryInt } from '../http/api.ts';
import { clientAddress } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { listActions, recordAction } from '../members/actions.ts';
import { signedInOf } from '../members/commission-auth.ts';
import { disableMember, enrollMember, inviteMember, listMembers } from '../members/invitations.ts';
import { issueChallenge, signIn, signOut } from '../members/sign-in.ts';
import type { Services } from '../services.ts';
import { EmptyBody } from './common.ts';

const ActionsQuery = z.object({ election: IdSchema.optional(), after: QueryInt.optional() }).strict();

export function memberRoutes(api: Api, services: Services): void {
  api.post(
    '/api/commission/members/invitations',
    {
      role: 'operator',
      summary: 'Invite a commission member by name: a one-time token (valid 7 days) for the link /admin.html#invite=TOKEN',
      body: InvitationRequest,
      response: InvitationAnswer,
      status: 201,
    },
    async (_c, { body }) => inviteMember(services, body.name),
  );

  api.post(
    '/api/commission/members/enroll',
    {
      role: 'public',
      summary: 'Enroll a member’s signing key with its invitation token and a proof of possession; the token is spent',
      body: EnrollRequest,
      response: EnrollAnswer,
    },
    async (c, { body }) => {
      const enrolled = await enrollMember(services, body);
      await recordAction(services, c, { kind: 'member', ...enrolled }, '/api/commission/members/enroll', 200);
      return enrolled;
    },
  );

  api.post(
    '/api/commission/members/:member/disable',
    {
      role: 'operator',
      summary: 'Disable a member: its sessions end now, its key signs nobody in, its invitation enrolls nobody',
      body: EmptyBody,
      response: z.object({ member: z.number(), name: z.string(), disabledAt: z.string() }),
    },
    async (c) => {
      const param = c.req.param('member') ?? '';
      if (!/^[1-9][0-9]{0,9}$/.test(param)) throw new ApiError('NOT_FOUND', 'a member is named by its number');
      return disableMember(services, Number(param));
    },
  );

  api.get(
    '/api/commission/members',
    { role: 'commission', summary: 'The commission’s members, invited and enrolled', response: MembersAnswer },
    async () => listMembers(services),
  );

  api.post(
    '/api/commission/session/challenge',
    {
      role: 'public',
      summary: 'A one-time sign-in challenge (2 minutes) for a member to sign with its key',
      body: EmptyBody,
      response: ChallengeAnswer,
      before: (c) => services.limiters.voter.take(`member-challenge:${clientAddress(c, services.config.trustedProxies)}`),
    },
    async () => issueChallenge(services),
  );

  api.post(
    '/api/commission/session',
    {
      role: 'public',
      summary: 'Sign in with a member’s key: sets the session cookie; answers the session and its CSRF token',
      body: SignInRequest,
      response: SessionAnswer,
    },
    async (c, { body }) => {
      const session = await signIn(services, c, body);
      await recordAction(
        services,
        c,
        { kind: 'member', member: session.member, name: session.name },
        '/api/commission/session',
        200,
      );
      return session;
    },
  );

  api.get(
    '/api/commission/session',
    { role: 'member', summary: 'The session of the cookie (after a page reload), slid forward', response: SessionAnswer },
    async (c) => signedInOf(c).session,
  );

  api.post(
    '/api/commission/session/end',
    { role: 'member', summary: 'Sign out: the session is deleted on the server', body: EmptyBody, response: EmptyBody },
    async (c) => {
      const { session, token } = signedInOf(c);
      await signOut(services, c, token);
      await recordAction(
        services,
        c,
        { kind: 'member', member: session.member, name: session.name },
        '/api/commission/session/end',
        200,
      );
      return {};
    },
  );

  api.get(
    '/api/commission/actions',
    {
      role: 'commission',
      summary: 'The actions log: who did what (member or admin token), oldest first; `after` an id to read on',
      query: ActionsQuery,
      response: ActionsAnswer,
    },
    async (_c, { query }) => ({ actions: await listActions(services, query.election ?? null, query.after ?? 0) }),
  );
}
