import { useState } from 'react';
import type { Fix, FixTarget } from '../../../shared/contract/doctor-report.js';
import { fixStepText } from '../../../shared/doctor/fix-text.js';
import { fixTargetNameKeys } from '../../../shared/doctor/names.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';

/** The fix in general, then the change per target (self-hosted proxies, load balancers, CDNs), one at a time; the hop that answered comes first. */
export function FixTabs({ fix, label }: { fix: Fix; label: string }) {
  const t = useT();
  const text = useMessage();
  const [chosen, setChosen] = useState<FixTarget | null>(null);
  const step = fix.steps.find((each) => each.target === chosen) ?? fix.steps[0];
  return (
    <div className="fix">
      {/* The label carries its own spacing: "Fix: " in English, none after Chinese "修复：". */}
      <div className="fix-summary"><strong>{t('doctor:view.fix')}</strong>{text(fix.summary)}</div>
      {step && (
        <>
          <div className="segmented fix-targets" role="tablist" aria-label={t('doctor:view.fixPerTarget', { cause: label })}>
            {fix.steps.map((each) => (
              <button key={each.target} type="button" role="tab" aria-selected={each.target === step.target} onClick={() => setChosen(each.target)}>
                {t(fixTargetNameKeys[each.target])}
              </button>
            ))}
          </div>
          <pre className="fix-config" aria-label={t('doctor:view.fixFor', { target: step.target })}>{fixStepText(t, step)}</pre>
        </>
      )}
    </div>
  );
}
