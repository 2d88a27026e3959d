import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SHIPPED_CONTROLLERS } from '../app/controllers';
import { parsePolicyCard, type PolicyCard } from '../control/policyCard';
import { sampleRing } from './labMath';
import {
  asPlaygroundMessage,
  LAB_CHANNEL,
  type LabToPlayground,
  type PlaygroundState,
} from './labLink';
import { labSearch, parseLabState, type LabState } from './labState';
import { ContinuousExplorer } from './ContinuousExplorer';
import { DiscreteExplorer } from './DiscreteExplorer';
import { RingExplorer } from './RingExplorer';
import { PolicySection, policyEigenvalues, type PolicyView } from './PolicySection';

const IDS = SHIPPED_CONTROLLERS.map((c) => c.id);

/** How long a playground message counts as "linked", ms. */
const LINK_FRESH_MS = 3000;
/** After a local slider move, incoming knob values are ignored this long (no snap-back), ms. */
const LOCAL_WINS_MS = 1000;

/**
 * The Eigenvalue Lab: four linked sections whose whole state lives in the URL. React state is
 * fine here: everything changes at the speed of a hand on a slider.
 */
export function LabApp() {
  const initial = useMemo(() => parseLabState(window.location.search, IDS), []);
  const [s, setState] = useState<LabState>(initial.state);
  const [urlErrors, setUrlErrors] = useState(initial.errors);
  const set = useCallback(
    (patch: Partial<LabState>) => setState((prev) => ({ ...prev, ...patch })),
    [],
  );

  // The address bar follows the state (replace, not push: a slider drag is not history).
  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = labSearch(s);
    window.history.replaceState(null, '', url);
  }, [s]);

  const ring = useMemo(
    () => sampleRing({ rMin: s.rmin, rMax: s.rmax, maxPhase: s.maxphase, n: s.n, seed: s.seed }),
    [s.rmin, s.rmax, s.maxphase, s.n, s.seed],
  );

  // Section 4: the card of the chosen controller, fetched from the same assets the playground uses.
  const [card, setCard] = useState<PolicyCard>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    setCard(undefined);
    setLoadError(undefined);
    if (!s.policy) return;
    let live = true;
    const url = `${import.meta.env.BASE_URL}policies/${s.policy}/card.json`;
    fetch(url)
      .then(async (r) => {
        if (!r.ok) throw new Error(`${url} answered ${r.status}`);
        return parsePolicyCard(await r.json());
      })
      .then((c) => live && setCard(c))
      .catch((e: Error) => live && setLoadError(`Could not load ${s.policy}'s card: ${e.message}`));
    return () => {
      live = false;
    };
  }, [s.policy]);

  // The link to a playground tab.
  const channel = useRef<BroadcastChannel>(undefined);
  const [playground, setPlayground] = useState<{ state: PlaygroundState; at: number }>();
  const [linkError, setLinkError] = useState<string>();
  const [now, setNow] = useState(() => performance.now());
  const lastLocal = useRef(-Infinity);
  const policyRef = useRef(s.policy);
  policyRef.current = s.policy;
  useEffect(() => {
    const ch = new BroadcastChannel(LAB_CHANNEL);
    channel.current = ch;
    ch.onmessage = (e: MessageEvent) => {
      const m = asPlaygroundMessage(e.data);
      if (!m) return;
      if (m.kind === 'error') return setLinkError(m.message);
      setPlayground({ state: m, at: performance.now() });
      if (
        m.policyId === policyRef.current &&
        performance.now() - lastLocal.current > LOCAL_WINS_MS
      ) {
        const rs = m.knobs.radius_scale;
        const ps = m.knobs.phase_scale;
        setState((prev) =>
          (rs === undefined || rs === prev.rs) && (ps === undefined || ps === prev.ps)
            ? prev
            : { ...prev, rs: rs ?? prev.rs, ps: ps ?? prev.ps },
        );
      }
    };
    const hello = () => ch.postMessage({ kind: 'hello' } satisfies LabToPlayground);
    hello();
    const t = setInterval(() => {
      hello();
      setNow(performance.now());
    }, 1000);
    return () => {
      clearInterval(t);
      ch.close();
    };
  }, []);
  const post = (m: LabToPlayground) => channel.current?.postMessage(m);

  const fresh =
    playground && now - playground.at < LINK_FRESH_MS + 1000 ? playground.state : undefined;
  const view: PolicyView = {
    card,
    loadError,
    linkError,
    live: fresh && fresh.policyId === s.policy ? fresh : undefined,
    otherRunning: fresh && fresh.policyId !== s.policy ? fresh.policyId : undefined,
  };
  const policyModuli = useMemo(() => {
    const e = policyEigenvalues(s, view);
    const out: number[] = [];
    for (let i = 0; i + 1 < e.length; i += 2) out.push(Math.hypot(e[i]!, e[i + 1]!));
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, s.rs, s.ps, view.live?.eig]);

  return (
    <div className="lab" data-testid="lab">
      <header className="lab-head">
        <h1>
          Eigenvalue Lab <span className="sub">why the unit circle is the sweet spot</span>
        </h1>
        <nav>
          <a
            href={`./${s.policy ? `?controller=${s.policy}` : ''}`}
            data-testid="back-to-playground"
          >
            ← playground
          </a>
        </nav>
      </header>
      {urlErrors.length > 0 && (
        <div className="error" role="alert" data-testid="lab-url-error">
          {urlErrors.join('; ')}{' '}
          <button type="button" onClick={() => setUrlErrors([])}>
            dismiss
          </button>
        </div>
      )}
      <ContinuousExplorer s={s} set={set} />
      <DiscreteExplorer s={s} set={set} ringModuli={ring.r} policyModuli={policyModuli} />
      <RingExplorer s={s} set={set} ring={ring} />
      <PolicySection
        s={s}
        set={set}
        view={view}
        onSurgery={(rs, ps) => {
          lastLocal.current = performance.now();
          setLinkError(undefined);
          if (view.live)
            post({
              kind: 'surgery',
              policyId: s.policy,
              knobs: { radius_scale: rs, phase_scale: ps },
            });
        }}
        onRestore={() => {
          lastLocal.current = performance.now();
          if (view.live) post({ kind: 'restore', policyId: s.policy });
        }}
      />
    </div>
  );
}
