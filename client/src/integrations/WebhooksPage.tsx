import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryView, type WebhookEventType, type WebhookSubscriptionView } from '../../../shared/integrations';
import { errorText } from '../api';
import { useDateWords } from '../Time';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  retryWebhookDelivery,
  setWebhookSubscriptionActive,
} from './webhooksApi';

/** "thread.created" reads as integrations.event.thread.created: the event's own name is the key. */
const eventKey = (type: WebhookEventType) => `integrations.event.${type}`;

/** `/integrations`: admins subscribe integrations to desk events and read each one's delivery log. */
export default function WebhooksPage({ agent }: { agent: AgentView }) {
  const [subscriptions, setSubscriptions] = useState<WebhookSubscriptionView[]>([]);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();

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
        {t('integrations.onlyAdmins')} <a href="/">{t('pages.backToInbox')}</a>
      </p>
    );
  }
  return (
    <div className="reports">
      <header className="reports-header">
        <h1>{t('integrations.title')}</h1>
        <p className="agent-name">{agent.name}</p>
        <a className="button button-on-dark" href="/">
          {t('pages.backToInbox')}
        </a>
      </header>
      <main className="reports-main" data-testid="webhooks-page">
        <p className="report-definition">{t('integrations.intro')}</p>
        {error && (
          <p role="alert" className="pane-error">
            {error}
          </p>
        )}
        <NewSubscription onCreate={(request) => run(async () => setNewSecret((await createWebhookSubscription(request)).secret))} />
        {newSecret && (
          <p role="status" className="report-figure" data-testid="webhook-secret">
            {t('integrations.secret')} <code>{newSecret}</code>
          </p>
        )}
        <table className="report-table" data-testid="webhook-subscriptions">
          <caption>{t('integrations.subscriptions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.url')}</th>
              <th scope="col">{t('integrations.events')}</th>
              <th scope="col">{t('integrations.delivered')}</th>
              <th scope="col">{t('integrations.pending')}</th>
              <th scope="col">{t('integrations.failed')}</th>
              <th scope="col">{t('integrations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((subscription) => (
              <tr key={subscription.id} data-testid="webhook-subscription">
                <td>
                  {subscription.url}
                  {subscription.description && <div className="report-definition">{subscription.description}</div>}
                  {!subscription.isActive && <strong>{t('integrations.paused')}</strong>}
                </td>
                <td>{subscription.eventTypes.map((type) => t(eventKey(type))).join(', ')}</td>
                <td>{subscription.deliveries.delivered}</td>
                <td>{subscription.deliveries.pending}</td>
                <td>{subscription.deliveries.failed}</td>
                <td>
                  <button type="button" className="button" onClick={() => setOpenLog(openLog === subscription.id ? null : subscription.id)}>
                    {t('integrations.deliveryLog')}
                  </button>{' '}
                  <button type="button" className="button" onClick={() => run(() => setWebhookSubscriptionActive(subscription.id, !subscription.isActive))}>
                    {subscription.isActive ? t('integrations.pause') : t('integrations.resume')}
                  </button>{' '}
                  <button type="button" className="button" onClick={() => window.confirm(t('integrations.deleteConfirm')) && run(() => deleteWebhookSubscription(subscription.id))}>
                    {t('integrations.delete')}
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
  const { t } = useTranslation();
  function submit(event: FormEvent) {
    event.preventDefault();
    void onCreate({ url: url.trim(), description: description.trim(), eventTypes }).then(() => {
      setUrl('');
      setDescription('');
      setEventTypes([]);
    });
  }
  return (
    <form className="reports-range" onSubmit={submit} aria-label={t('integrations.newSubscription')}>
      <label>
        {t('integrations.url')} <input type="url" value={url} required data-testid="webhook-url" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <label>
        {t('integrations.description')} <input type="text" value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <fieldset>
        <legend>{t('integrations.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={eventTypes.includes(type)}
              onChange={(event) => setEventTypes((chosen) => (event.target.checked ? [...chosen, type] : chosen.filter((other) => other !== type)))}
            />{' '}
            {t(eventKey(type))}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={!url || eventTypes.length === 0}>
        {t('integrations.subscribe')}
      </button>
    </form>
  );
}

function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const dates = useDateWords();
  useEffect(() => {
    listWebhookDeliveries(subscriptionId).then(
      (response) => setDeliveries(response.deliveries),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, [subscriptionId]);
  if (error) return <p role="alert">{error}</p>;
  if (!deliveries) return <p role="status">{t('integrations.loadingLog')}</p>;
  return (
    <table className="report-table" data-testid="webhook-deliveries">
      <caption>{t('integrations.logCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('integrations.eventColumn')}</th>
          <th scope="col">{t('integrations.status')}</th>
          <th scope="col">{t('integrations.attempts')}</th>
          <th scope="col">{t('integrations.lastAnswer')}</th>
          <th scope="col">{t('integrations.lastError')}</th>
          <th scope="col">{t('integrations.queued')}</th>
          <th scope="col">{t('integrations.lastAttempt')}</th>
          <th scope="col">{t('integrations.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-status={delivery.status}>
            <td>{t(eventKey(delivery.eventType))}</td>
            <td>{t(`integrations.deliveryStatus.${delivery.status}`)}</td>
            <td>{delivery.attempts}</td>
            <td>{delivery.lastStatusCode ?? '—'}</td>
            <td>{delivery.lastError ?? '—'}</td>
            <td>{dates.dateTime(new Date(delivery.createdAt))}</td>
            <td>{delivery.lastAttemptAt ? dates.dateTime(new Date(delivery.lastAttemptAt)) : '—'}</td>
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
                  {t('integrations.sendAgain')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
