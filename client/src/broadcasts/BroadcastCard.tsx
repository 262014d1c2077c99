import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import type { BroadcastView } from '../../../shared/broadcasts';
import { useDateWords } from '../Time';
import { errorText } from '../api';
import { BroadcastImageList } from '../media/BroadcastImageList';
import { approveBroadcast, retryChannel, returnBroadcast, withdrawBroadcast } from './broadcastsApi';

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
  const { t } = useTranslation();
  const dates = useDateWords();

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
        <strong>{t(`broadcasts.templates.${broadcast.template}.label`)}</strong>
        {broadcast.updateOfId && <span className="broadcast-tag">{t('broadcasts.update')}</span>}
        <span data-testid="broadcast-status">{t(`broadcasts.status.${broadcast.status}`)}</span>
        {broadcast.areaTags.map((tag) => (
          <span key={tag} className="broadcast-tag">{tag}</span>
        ))}
        <span className="broadcast-meta">
          {t('broadcasts.by', { name: broadcast.createdBy.name })}
          {broadcast.approvedBy && t('broadcasts.approvedBy', { name: broadcast.approvedBy.name })}
          {broadcast.scheduledAt && t('broadcasts.scheduledFor', { time: dates.dateTime(new Date(broadcast.scheduledAt)) })}
        </span>
      </header>
      {broadcast.isStale && (
        <p className="broadcast-stale" role="status">{t('broadcasts.stale')}</p>
      )}
      <p className="broadcast-preview-text">{broadcast.text}</p>
      <BroadcastImageList images={broadcast.images} />
      {broadcast.returnComment && <p className="broadcast-returned">{t('broadcasts.returned', { comment: broadcast.returnComment })}</p>}
      <ul className="broadcast-channels">
        {broadcast.channels.map((channel) => (
          <li key={channel.channel} data-testid={`broadcast-channel-status-${channel.channel}`} data-status={channel.status}>
            {t(`channel.${channel.channel}`)}: {t(`broadcasts.channelStatus.${channel.status}`)}
            {channel.permalink && channel.status !== 'withdrawn' && (
              <> — <a href={channel.permalink} target="_blank" rel="noreferrer">{t('broadcasts.view')}</a></>
            )}
            {channel.failureReason && <span className="form-error"> — {channel.failureReason}</span>}
            {channel.status === 'failed' && broadcast.status === 'approved' && (
              <button type="button" className="button" data-testid={`broadcast-retry-${channel.channel}`} onClick={() => run(() => retryChannel(broadcast.id, channel.channel))}>
                {t('broadcasts.retry', { channel: t(`channel.${channel.channel}`) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="broadcast-row">
        {isSupervisor && broadcast.status === 'awaiting_approval' && (
          <>
            <button type="button" className="button button-primary" data-testid="broadcast-approve" onClick={() => run(() => approveBroadcast(broadcast.id))}>
              {t('broadcasts.approve')}
            </button>
            <input aria-label={t('broadcasts.commentLabel')} placeholder={t('broadcasts.commentPlaceholder')} value={returnComment} onChange={(event) => setReturnComment(event.target.value)} />
            <button type="button" className="button" disabled={!returnComment.trim()} onClick={() => run(() => returnBroadcast(broadcast.id, returnComment))}>
              {t('broadcasts.return')}
            </button>
          </>
        )}
        {broadcast.status !== 'withdrawn' && !isWithdrawing && (
          <button type="button" className="button" data-testid="broadcast-withdraw" onClick={() => setIsWithdrawing(true)}>
            {t('broadcasts.withdraw')}
          </button>
        )}
      </div>
      {isWithdrawing && broadcast.status !== 'withdrawn' && (
        <div className="broadcast-withdraw">
          <label>
            {t('broadcasts.updateText')}
            <textarea data-testid="broadcast-update-text" rows={2} value={updateText} onChange={(event) => setUpdateText(event.target.value)} />
          </label>
          <button
            type="button"
            className="button button-primary"
            data-testid="broadcast-withdraw-confirm"
            onClick={() => run(() => withdrawBroadcast(broadcast.id, { updateText: updateText.trim() || null, originalPosts: 'delete' }))}
          >
            {t('broadcasts.withdrawConfirm')}
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
