import { describe, expect, it } from 'vitest';
import { MalformedActivityError, normaliseAccountActivity, normaliseDmEvents } from './normalise';

const ACCOUNT = '4337869213';

// The documented example (contracts/platforms.md §6), with the quirks of §11.
const documentedDm = {
  for_user_id: ACCOUNT,
  direct_message_events: [
    {
      type: 'message_create',
      id: '954491830116155396',
      created_timestamp: '1516403560557',
      message_create: {
        target: { recipient_id: ACCOUNT },
        sender_id: '3001969357',
        source_app_id: '13090192',
        message_data: {
          text: 'Hello World!',
          entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
          attachment: { type: 'media', media: { id: 9.300778475358126e17, id_str: '930077847535812610', media_url_https: 'https://ton.twitter.com/1.1/ton/data/dm/1.jpg', type: 'photo' } },
        },
      },
    },
  ],
  users: {
    '3001969357': { id: '3001969357', name: 'Jordan', screen_name: 'furiouscamper', profile_image_url_https: 'null' },
    [ACCOUNT]: { id: ACCOUNT, name: 'Anytown Police', screen_name: 'anytownpolice' },
  },
};

describe('normalising Account Activity', () => {
  it('turns a direct message event into an inbound DM with the sender from the users map', () => {
    const result = normaliseAccountActivity(documentedDm, ACCOUNT);
    expect(result.events).toEqual([
      {
        channel: 'twitter',
        accountId: ACCOUNT,
        platformMessageId: '954491830116155396',
        platformConversationId: `3001969357-${ACCOUNT}`,
        sender: { platformUserId: '3001969357', displayName: 'Jordan', handle: 'furiouscamper' },
        text: 'Hello World!',
        attachments: [{ type: 'photo', url: 'https://ton.twitter.com/1.1/ton/data/dm/1.jpg' }],
        sentAt: '2018-01-19T23:12:40.557Z',
      },
    ]);
  });

  it('finds the sender under apps when users is empty, as the documentation’s own example has it', () => {
    const result = normaliseAccountActivity({ ...documentedDm, users: {}, apps: documentedDm.users }, ACCOUNT);
    expect(result.events[0]!.sender.displayName).toBe('Jordan');
  });

  it('falls back to the sender id alone when no user object is given', () => {
    const result = normaliseAccountActivity({ ...documentedDm, users: undefined }, ACCOUNT);
    expect(result.events[0]!.sender).toEqual({ platformUserId: '3001969357', displayName: null, handle: null });
  });

  it('sets the account’s own sends apart, with their text and exact media id to match them by', () => {
    const own = structuredClone(documentedDm);
    own.direct_message_events[0]!.message_create.sender_id = ACCOUNT;
    own.direct_message_events[0]!.message_create.target.recipient_id = '3001969357';
    const result = normaliseAccountActivity(own, ACCOUNT);
    expect(result.events).toEqual([]);
    expect(result.ownSends).toEqual([
      {
        platformMessageId: '954491830116155396',
        platformConversationId: `3001969357-${ACCOUNT}`,
        text: 'Hello World!',
        mediaIds: ['930077847535812610'],
        sentAt: new Date(1516403560557).toISOString(),
      },
    ]);
  });

  it('reads the media id of an own DM polled from /2/dm_events out of its media key', () => {
    const result = normaliseDmEvents(
      {
        events: [{ id: '1582838499983564806', event_type: 'MessageCreate', text: 'Map attached', sender_id: ACCOUNT, dm_conversation_id: `3001969357-${ACCOUNT}`, created_at: '2022-10-19T20:58:00.000Z', attachments: { media_keys: ['3_1146654567674912769'] } }],
        users: [],
        media: [{ media_key: '3_1146654567674912769', type: 'photo' }],
      },
      ACCOUNT,
    );
    expect(result.ownSends).toEqual([
      { platformMessageId: '1582838499983564806', platformConversationId: `3001969357-${ACCOUNT}`, text: 'Map attached', mediaIds: ['1146654567674912769'], sentAt: '2022-10-19T20:58:00.000Z' },
    ]);
  });

  it('skips typing and read events, which have no id or type, and the revoke event without for_user_id', () => {
    const typing = normaliseAccountActivity({ for_user_id: ACCOUNT, direct_message_indicate_typing_events: [{ created_timestamp: '1', sender_id: '1', target: { recipient_id: ACCOUNT } }] }, ACCOUNT);
    const revoke = normaliseAccountActivity({ user_event: { revoke: { date_time: '2018-05-24T09:48:12+00:00', target: { app_id: '13090192' }, source: { user_id: ACCOUNT } } } }, ACCOUNT);
    expect(typing).toMatchObject({ events: [], skipped: ['direct_message_indicate_typing_events'] });
    expect(revoke).toMatchObject({ events: [], skipped: ['user_event'] });
  });

  it('refuses a body that is not an object', () => {
    expect(() => normaliseAccountActivity('hello', ACCOUNT)).toThrow(MalformedActivityError);
  });
});
