import { useState } from 'react';
import type { AgentView } from '../../../shared/api';
import { TEMPLATES, type BroadcastChannel, type BroadcastView, type ChannelPostStatus } from '../../../shared/broadcasts';
import { errorText } from '../api';
import { BroadcastImageList } from '../media/BroadcastImageList';
import { approveBroadcast, retryChannel, returnBroadcast, withdrawBroadcast } from './broadcastsApi';

const CHANNEL_NAMES: Record<BroadcastChannel, string> = { facebook: 'Facebook', twitter: 'X' };
const STATUS_NAMES: Record<ChannelPostStatus, string> = {
  draft: 'Draft',
  awaiting_approval: 'Awaiting approval',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  withdrawn: 'Withdrawn',
};

interface BroadcastCardProps {
  broadcast: BroadcastView;
  agent: AgentView;
  onChanged(broadcast: BroadcastView): void;
}

/** One broadcast: its words, each channel's status, and what the agent (or supervisor) can do next. */
export function BroadcastCard({ broadcast, agent, onChanged }: BroadcastCardProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [isWithdrawing, setIsWithdrawing] = useState(false);
  const [updateText, setUpdateText] = useState(defaultUpdate(broadcast));
  const [returnComment, setReturnComment] = useState('');
  const isSupervisor = agent.role !== 'agent';

  const run = async (action: () => Promise<{ broadcast: BroadcastView }>) => {
    setProblem(null);
    try {
      onChanged((await action()).broadcast);
    } catch (failure) {
      setProblem(errorText(failure));
    }
  };

  return (
    <article className="broadcast-card" data-testid="broadcast" data-status={broadcast.status} data-stale={broadcast.isStale}>
      <header className="broadcast-row">
        <strong>{TEMPLATES[broadcast.template].label}</strong>
        {broadcast.updateOfId && <span className="broadcast-tag">Update</span>}
        <span data-testid="broadcast-status">{broadcast.status.replace('_', ' ')}</span>
        {broadcast.areaTags.map((tag) => (
          <span key={tag} className="broadcast-tag">{tag}</span>
        ))}
        <span className="broadcast-meta">
          by {broadcast.createdBy.name}
          {broadcast.approvedBy && `, approved by ${broadcast.approvedBy.name}`}
          {broadcast.scheduledAt && `, for ${new Date(broadcast.scheduledAt).toLocaleString('en-GB')}`}
        </span>
      </header>
      {broadcast.isStale && (
        <p className="broadcast-stale" role="status">This appeal has been up a long time: is it still needed? If not, withdraw it.</p>
      )}
      <p className="broadcast-preview-text">{broadcast.text}</p>
      <BroadcastImageList images={broadcast.images} />
      {broadcast.returnComment && <p className="broadcast-returned">Returned: {broadcast.returnComment}</p>}
      <ul className="broadcast-channels">
        {broadcast.channels.map((channel) => (
          <li key={channel.channel} data-testid={`broadcast-channel-status-${channel.channel}`} data-status={channel.status}>
            {CHANNEL_NAMES[channel.channel]}: {STATUS_NAMES[channel.status]}
            {channel.permalink && channel.status !== 'withdrawn' && (
              <> — <a href={channel.permalink} target="_blank" rel="noreferrer">view</a></>
            )}
            {channel.failureReason && <span className="form-error"> — {channel.failureReason}</span>}
            {channel.status === 'failed' && broadcast.status === 'approved' && (
              <button type="button" className="button" data-testid={`broadcast-retry-${channel.channel}`} onClick={() => run(() => retryChannel(broadcast.id, channel.channel))}>
                Retry {CHANNEL_NAMES[channel.channel]}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="broadcast-row">
        {isSupervisor && broadcast.status === 'awaiting_approval' && (
          <>
            <button type="button" className="button button-primary" data-testid="broadcast-approve" onClick={() => run(() => approveBroadcast(broadcast.id))}>
              Approve
            </button>
            <input aria-label="Comment for the author" placeholder="What needs changing" value={returnComment} onChange={(event) => setReturnComment(event.target.value)} />
            <button type="button" className="button" disabled={!returnComment.trim()} onClick={() => run(() => returnBroadcast(broadcast.id, returnComment))}>
              Return
            </button>
          </>
        )}
        {broadcast.status !== 'withdrawn' && !isWithdrawing && (
          <button type="button" className="button" data-testid="broadcast-withdraw" onClick={() => setIsWithdrawing(true)}>
            Update and withdraw
          </button>
        )}
      </div>
      {isWithdrawing && broadcast.status !== 'withdrawn' && (
        <div className="broadcast-withdraw">
          <label>
            Update to post (empty: just take it down)
            <textarea data-testid="broadcast-update-text" rows={2} value={updateText} onChange={(event) => setUpdateText(event.target.value)} />
          </label>
          <button
            type="button"
            className="button button-primary"
            data-testid="broadcast-withdraw-confirm"
            onClick={() => run(() => withdrawBroadcast(broadcast.id, { updateText: updateText.trim() || null, originalPosts: 'delete' }))}
          >
            Post update and delete the original everywhere
          </button>
        </div>
      )}
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </article>
  );
}

function defaultUpdate(broadcast: BroadcastView): string {
  const name = broadcast.fields.name;
  if (broadcast.template === 'missing_person' && name) return `UPDATE: ${name} has been found. Thank you for sharing our appeal.`;
  if (broadcast.template === 'road_closure' && broadcast.fields.road) return `UPDATE: ${broadcast.fields.road} has reopened. Thank you for your patience.`;
  return 'UPDATE: This appeal is no longer needed. Thank you for sharing.';
}
