import { useTranslation } from 'react-i18next';
import type { AgentView, ThreadSummary } from '../../shared/api';

/**
 * Supervisors and admins download everything held about this thread's sender (a subject-access
 * request), as JSON for the disclosure officer. Each download is audited.
 */
export function SubjectAccessLink({ thread, agent }: { thread: ThreadSummary; agent: AgentView }) {
  const { t } = useTranslation();
  if (agent.role === 'agent' || thread.isRedacted) return null;
  return (
    <a className="button" href={`/api/contacts/${encodeURIComponent(thread.contact.id)}/subject-access`} download data-testid="subject-access-export">
      {t('subjectAccess.export')}
    </a>
  );
}
