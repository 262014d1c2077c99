import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AgentView } from '../../../shared/api';
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryView, type WebhookEventType, type WebhookSubscriptionView } from '../../../shared/integrations';
import { errorText } from '../api';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  retryWebhookDelivery,
  setWebhookSubscriptionActive,
} from './webhooksApi';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'thread.created': 'Thread created',
  'message.received': 'Message received',
  'escalation.created': 'Escalation created',
  'escalation.updated': 'Escalation updated',
  'broadcast.published': 'Broadcast published',
};

/** `/integrations`: admins subscribe integrations to desk events and read each one's delivery log. */
export default function WebhooksPage({ agent }: { agent: AgentView }) {
  const [subscriptions, setSubscriptions] = useState<WebhookSubscriptionView[]>([]);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    listWebhookSubscriptions().then(
      (response) => setSubscriptions(response.subscriptions),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);
  useEffect(reload, [reload]);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (agent.role !== 'admin') {
    return (
      <p role="alert" className="page-status">
        Only admins can manage integrations. <a href="/">Back to the inbox</a>
      </p>
    );
  }
  return (
    <div className="reports">
      <header className="reports-header">
        <h1>Integrations</h1>
        <p className="agent-name">{agent.name}</p>
        <a className="button button-on-dark" href="/">
          Back to the inbox
        </a>
      </header>
      <main className="reports-main" data-testid="webhooks-page">
        <p className="report-definition">
          Each subscription receives the events it names as a signed JSON POST (HMAC-SHA256 of the timestamp and body, see docs/integrations.md), retried with
          backoff. Restricted threads are sent as ids only.
        </p>
        {error && (
          <p role="alert" className="pane-error">
            {error}
          </p>
        )}
        <NewSubscription onCreate={(request) => run(async () => setNewSecret((await createWebhookSubscription(request)).secret))} />
        {newSecret && (
          <p role="status" className="report-figure" data-testid="webhook-secret">
            Signing secret (shown once, give it to the receiver): <code>{newSecret}</code>
          </p>
        )}
        <table className="report-table" data-testid="webhook-subscriptions">
          <caption>Subscriptions</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Delivered</th>
              <th scope="col">Pending</th>
              <th scope="col">Failed</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((subscription) => (
              <tr key={subscription.id} data-testid="webhook-subscription">
                <td>
                  {subscription.url}
                  {subscription.description && <div className="report-definition">{subscription.description}</div>}
                  {!subscription.isActive && <strong> (paused)</strong>}
                </td>
                <td>{subscription.eventTypes.map((type) => EVENT_LABELS[type]).join(', ')}</td>
                <td>{subscription.deliveries.delivered}</td>
                <td>{subscription.deliveries.pending}</td>
                <td>{subscription.deliveries.failed}</td>
                <td>
                  <button type="button" className="button" onClick={() => setOpenLog(openLog === subscription.id ? null : subscription.id)}>
                    Delivery log
                  </button>{' '}
                  <button type="button" className="button" onClick={() => run(() => setWebhookSubscriptionActive(subscription.id, !subscription.isActive))}>
                    {subscription.isActive ? 'Pause' : 'Resume'}
                  </button>{' '}
                  <button type="button" className="button" onClick={() => window.confirm('Delete this subscription and its log?') && run(() => deleteWebhookSubscription(subscription.id))}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {openLog && <DeliveryLog subscriptionId={openLog} />}
      </main>
    </div>
  );
}

function NewSubscription({ onCreate }: { onCreate: (request: { url: string; description: string; eventTypes: WebhookEventType[] }) => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<WebhookEventType[]>([]);
  function submit(event: FormEvent) {
    event.preventDefault();
    void onCreate({ url: url.trim(), description: description.trim(), eventTypes }).then(() => {
      setUrl('');
      setDescription('');
      setEventTypes([]);
    });
  }
  return (
    <form className="reports-range" onSubmit={submit} aria-label="New subscription">
      <label>
        URL <input type="url" value={url} required data-testid="webhook-url" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <label>
        Description <input type="text" value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={eventTypes.includes(type)}
              onChange={(event) => setEventTypes((chosen) => (event.target.checked ? [...chosen, type] : chosen.filter((other) => other !== type)))}
            />{' '}
            {EVENT_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={!url || eventTypes.length === 0}>
        Subscribe
      </button>
    </form>
  );
}

function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listWebhookDeliveries(subscriptionId).then(
      (response) => setDeliveries(response.deliveries),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, [subscriptionId]);
  if (error) return <p role="alert">{error}</p>;
  if (!deliveries) return <p role="status">Loading the delivery log…</p>;
  return (
    <table className="report-table" data-testid="webhook-deliveries">
      <caption>Delivery log (latest 200)</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Last error</th>
          <th scope="col">Queued</th>
          <th scope="col">Last attempt</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-status={delivery.status}>
            <td>{EVENT_LABELS[delivery.eventType]}</td>
            <td>{delivery.status}</td>
            <td>{delivery.attempts}</td>
            <td>{delivery.lastStatusCode ?? '—'}</td>
            <td>{delivery.lastError ?? '—'}</td>
            <td>{ukTime(delivery.createdAt)}</td>
            <td>{delivery.lastAttemptAt ? ukTime(delivery.lastAttemptAt) : '—'}</td>
            <td>
              {delivery.status === 'failed' && (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    retryWebhookDelivery(subscriptionId, delivery.id).then(
                      (response) => setDeliveries(response.deliveries),
                      (failure: unknown) => setError(errorText(failure)),
                    )
                  }
                >
                  Send again
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ukFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/London' });
function ukTime(iso: string): string {
  return ukFormat.format(new Date(iso));
}
