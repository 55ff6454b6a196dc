/**
 * The phrase patterns the scorers look for. They run against text passed through `normalise()` (lower case, ASCII
 * quotes and dashes), so they are written in lower case. Keep them readable: one idea per pattern.
 */

// ------------------------------------------------------------------ impact, state, actions (status updates)

/** Who or what users notice is affected. */
export const AFFECTED_THING =
	/\b(users?|customers?|merchants?|shoppers?|buyers?|visitors?|clients?|people|requests?|orders?|payments?|checkouts?|purchases?|logins?|log-?ins?|sign-?ins?|sign-?ups?|api|apis|calls?|traffic|pages?|site|website|app|apps|emails?|messages?|notifications?|transactions?|searches|search|uploads?|downloads?|deliveries|jobs?|reports?|dashboards?|services?|features?|accounts?|sessions?|carts?|webhooks?|repositor(?:y|ies)|pushes|pulls|builds?|pipelines?|deploys?|deployments?)\b/;

/** What users experience. */
export const USER_EFFECT =
	/\b(errors?|erroring|failing|fail(?:s|ed|ures?)?|unable|cannot|can't|could not|couldn't|slow(?:er|ness|ly)?|latency|delays?|delayed|timeouts?|timing out|time out|unavailable|unreachable|outage|down|degraded|degradation|disrupt(?:ed|ion)|intermittent(?:ly)?|elevated|increased|not (?:load|loading|receiv\w*|work\w*|able|send\w*|process\w*|complet\w*)|missing|stuck|lost|broken|5\d\d|declined|rejected|hang(?:s|ing)?|retry|retries|impact(?:ed|ing)?|affect(?:ed|ing)|no impact)\b/;

/** How much or where, precisely: numbers, shares, "all"/"most", regions. */
export const SCOPE =
	/(\d+(?:\.\d+)?\s*(?:%|percent|per cent)|\b(?:one|1|two|2|three|3) (?:in|out of) (?:\d+|two|three|four|five|ten)\b|\b(?:all|most|every|half of|the majority of|nearly all|almost all|no)\s+(?:\w+\s+){0,2}(?:users?|customers?|requests?|orders?|payments?|merchants?|accounts?|sign-?ins?|logins?|visitors?|traffic|regions?|calls?|emails?|searches|transactions?|uploads?|builds?)\b|\b(?:region|eu|us|apac|europe|north america|asia|zone|[a-z]{2}-[a-z]+-\d)\b|\b\d[\d,]*\s+(?:users?|customers?|orders?|requests?|merchants?|accounts?|emails?|payments?|transactions?))/;

/** Vague quantifiers: better than nothing, but the reader cannot tell whether they are affected. */
export const VAGUE_SCOPE =
	/\b(some|a few|several|a subset of|a small (?:number|share|fraction|percentage) of|a portion of|a fraction of|certain|many|a number of|intermittent(?:ly)?|partial)\b/;

/** An explicit "no impact" claim. */
export const NO_IMPACT =
	/\b(no (?:customer|user|external|visible)?\s*impact|not (?:customer|user)[- ]facing|no (?:users?|customers?) (?:are|were|is) (?:affected|impacted)|(?:users?|customers?) (?:are|were) not (?:affected|impacted)|not affecting (?:users|customers|anyone))\b/;

/** Statements of the incident's current state. */
export const STATE_PHRASE =
	/\b(investigating|(?:we|they|engineers|team) (?:are|is) (?:looking into|investigating|aware)|(?:are|is) (?:looking into|investigating)|(?:we have |has been |have )?identified|the (?:cause|issue) (?:is|was|has been)|mitigat(?:ed|ion in place)|monitoring|recover(?:ed|ing|y)|resolved|restored|back to normal|stable|stabili[sz]ed|ongoing|still (?:seeing|affected|degraded|elevated|failing|investigating|ongoing)|continu(?:e|es|ing) to (?:see|observe|investigate)|(?:error rates?|latency|errors) (?:are|is|have|has) (?:returned|dropped|back|recovering|normal)|operating normally|fully operational|all (?:good|clear)|fine now|returning to normal|improving|recovering|(?:has|have) been (?:deployed|applied|rolled back|reverted))\b/;

/** A concrete remediation being done or done (status updates). */
export const SPECIFIC_ACTION =
	/\b((?:fix|patch|rollback|roll-back|change|mitigation|workaround|revert|update|new version|failover) (?:has been|have been|was|is being|were) (?:deployed|applied|rolled out|released|reverted|implemented|put in place|completed)|roll(?:ing|ed)?[ -]?(?:(?:it|this|that|them|the \w+(?: \w+)?) )?back|revert(?:ing|ed)?|fail(?:ing|ed)?[ -]?over|restart(?:ing|ed)?|reboot(?:ing|ed)?|scal(?:ing|ed) (?:up|out)|add(?:ing|ed) (?:capacity|servers|nodes|replicas)|disabl(?:ing|ed)|turn(?:ing|ed) off|switch(?:ing|ed) off|enabl(?:ing|ed)|deploy(?:ing|ed) (?:a )?(?:fix|patch)|appl(?:ying|ied) (?:a )?(?:fix|patch|mitigation)|rerout(?:ing|ed)|redirect(?:ing|ed)|drain(?:ing|ed)|renew(?:ing|ed)|rotat(?:ing|ed)|block(?:ing|ed)|rate[- ]limit(?:ing|ed)?|increas(?:ing|ed) (?:capacity|the|limits?|quota)|rais(?:ing|ed) (?:the )?(?:limit|quota)|paus(?:ing|ed)|flush(?:ing|ed)|clear(?:ing|ed) (?:the )?cache|clean(?:ing|ed) up|free(?:ing|d) up|patch(?:ing|ed)|kill(?:ing|ed)|terminat(?:ing|ed)|replac(?:ing|ed)|restor(?:ing|ed) from|engag(?:ing|ed) (?:the|our)|escalat(?:ing|ed) to|working with (?:the|our|\w+ (?:team|provider|vendor))|contact(?:ing|ed) (?:the|our)|implement(?:ing|ed) a (?:fix|workaround)|workaround)\b/;

/** Generic "we are on it" phrasing that says nothing about what is being done. */
export const GENERIC_ACTION =
	/\b(working on|fixing (?:it|this|the (?:issue|problem))|work(?:ing)? to (?:resolve|fix|restore|mitigate)|looking into|investigating|we are aware|on it|actively|our (?:team|engineers) (?:is|are)|team is)\b/;

// ------------------------------------------------------------------ next update, times

/** An explicit next-update commitment with a time or a delay. */
export const NEXT_UPDATE_EXPLICIT =
	/\b(?:next update|(?:we will|we'll|will) (?:provide|post|share|send|give) (?:an(?:other)?|a further|the next|more|further)?\s*(?:update|information|details)s?|(?:another|further|an) update (?:will (?:follow|be (?:posted|provided|shared)))?|update again)\s*(?:is|will be|expected|:)?\s*(?:in|within|by|at|around|no later than|before)\s+(?:the next\s+)?(?:about\s+|approximately\s+)?(\d+\s*(?:min(?:ute)?s?|m|hours?|hrs?|h)\b|(?:[01]?\d|2[0-3]):[0-5]\d|(?:one|two|three|fifteen|thirty|sixty|an?|half an?)\s+(?:min(?:ute)?s?|hours?)|(?:half[- ])?hour\b)/;

/** A vague promise of future updates. */
export const NEXT_UPDATE_VAGUE =
	/\b(will (?:provide|post|share|send|give) (?:more |further |regular |an? )?(?:updates?|information|details)|updates? (?:to follow|will follow)|more (?:information|details|updates) (?:soon|to follow|as|when)|as soon as we (?:know|have)|keep (?:you|everyone) (?:posted|updated|informed)|stay tuned|further updates?)\b/;

/** Relative time references ("for the past 20 minutes", "since this morning"). */
export const RELATIVE_TIME =
	/\b(?:for|over) the (?:past|last) \d+\s*(?:min(?:ute)?s?|hours?)|\bsince (?:about |approximately )?\d|\b\d+\s*(?:min(?:ute)?s?|hours?) ago\b|\bsince (?:this|earlier|the) (?:morning|afternoon|evening|deploy|release)/;

// ------------------------------------------------------------------ tone

/** Guessing about causes or outcomes. */
export const SPECULATION =
	/\b(probably|might be|might have|maybe|i think|i guess|i believe|we think|we believe|possibly|perhaps|not sure|no idea|seems? (?:like|to be)|looks like (?:it'?s|it is|a|the)|we suspect|could be|hopefully|fingers crossed|should be fine|i assume|presumably|likely)\b/;

/** Words that blame people (a named or unnamed individual). */
export const BLAME_PHRASE = new RegExp(
	'\\b(human error|operator error|user error|(?:his|her|their) (?:mistake|fault|error|bad (?:change|deploy|config))|' +
		'(?:fault|mistake) of|to blame|blamed?|careless(?:ly|ness)?|neglig(?:ent|ence)|incompeten(?:t|ce)|sloppy|lazy|' +
		'stupid|dumb|idiot\\w*|' +
		'(?:someone|somebody|an? (?:developer|dev|engineer|intern|contractor|admin|new hire|junior|dba|sre)|' +
		'the (?:intern|contractor|new hire|engineer|developer|operator|admin|person|dba|sre|ops guy|devops|qa|tester|' +
		'on-?call(?: engineer)?|junior (?:dev|developer|engineer)|[\\w-]+ team)' +
		'(?: who [\\w ]{1,30}?)?) (?:\\w+ ){0,2}' +
		"(?:broke|messed|screwed|forgot|ignored|neglected|failed to|should have|should've|" +
		"(?:did not|didn't) (?:check|test|follow|bother|read|notice|ask)|caused (?:the|this|an?) (?:outage|incident|problem|issue)|" +
		'(?:pushed|deployed|shipped|merged|applied|ran) an? (?:bad|broken|buggy|faulty|untested|wrong)))\\b'
);

/** Verbs that, after a person's name, assign blame. */
export const BLAME_VERB =
	/^(?:broke|messed|screwed|forgot|ignored|neglected|botched|caused|failed to|didn't|did not|should have|shouldn't have|was careless|carelessly|accidentally|mistakenly|pushed a bad|deployed a (?:bad|broken|buggy)|broke)\b/;

/** Capitalised words that are not people's names when they start a clause. */
export const NOT_A_NAME = new Set(
	(
		'We Our The This That These Those It Its A An And But Or If When Then Also Since After Before During While ' +
		'Nobody Someone Everyone Anyone Users Customers Monitoring Alerting Deploy Deployment Release Rollback ' +
		'Config Configuration Change Database Traffic Service Services Team Teams Engineering Support Security ' +
		'Kubernetes Prometheus Grafana Alertmanager Postgres Redis Nginx Linux DNS TLS CDN API Checkout Payments ' +
		'Payment Search Auth Login Root Cause Impact Summary Timeline Action Actions Owner Status Update Note ' +
		'Investigating Identified Resolved Mitigated Unknown Nothing Everything Something Automation Cron Terraform ' +
		'CI Pipeline Build Canary Feature Flag Load Balancer Disk Memory CPU Network Node Pod Cluster'
	).split(' ')
);

/** Internal jargon that does not belong in a user-facing update. */
export const JARGON =
	/(\b(?:rate|irate|increase|sum|histogram_quantile|topk)\s*\(|\{[a-z_]+=~?"|\bkubectl\b|\bpods?\b|\bcrashloop\w*|\boomkill\w*|\bstack ?trace|\bexception\b|\bnullpointer\w*|\bsegfault|\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{8,10}-[a-z0-9]{5}\b|\bp99\b|\bhpa\b|\bconnection pool\b|\bgoroutines?\b|\bheap\b|\bgc pauses?\b|\b5xx\b|\bhttp 5\d\d\b|\bsigsegv\b|\betcd\b|\bconfigmap\b)/;

/** Claims that the problem is over. */
export const RESOLVED_CLAIM =
	/\b(resolved|fixed|fully recovered|recovered|back to normal|restored|operating normally|all systems (?:operational|normal|go)|no longer (?:seeing|affected|experiencing|failing)|has been mitigated|issue is over|all (?:good|clear))\b/;

/** Claims that the incident is still open. */
export const ONGOING_CLAIM =
	/\b(still (?:investigating|seeing|affected|failing|degraded|ongoing)|continu(?:e|ing) to investigate|investigating|ongoing|not yet (?:resolved|fixed|mitigated))\b/;

/** Content-free updates. */
export const VAGUE_ONLY =
	/^(?:we are )?(?:investigating|looking into it|looking into (?:the|an|this) (?:issue|problem)|working on it|we are aware of (?:an|the|some) (?:issue|problem)s?|there is an issue|something is wrong|issues?|problem|down|update|fixed|resolved|all good|ok|okay|done)\.?!?$/;

// ------------------------------------------------------------------ runbooks

/** All inflections of a regular verb: `remove` → remove, removes, removed, removing. */
function inflections(base: string): string[] {
	const e = base.endsWith('e') && !base.endsWith('ee');
	const doubled = /^[^aeiou]\w?[aeiou][bdgkmnpt]$/.test(base) ? base + base.at(-1) : base;
	const forms = [
		base,
		/(?:s|sh|ch|x)$/.test(base) ? `${base}es` : `${base}s`,
		base.endsWith('e') ? `${base}d` : `${doubled}ed`,
		`${e ? base.slice(0, -1) : doubled}ing`
	];
	if (base.endsWith('y')) forms.push(`${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`);
	return forms;
}

/** Verbs of remediation (changing the system), base forms. Two-word entries are phrasal verbs. */
const REMEDIATION_BASES = (
	'restart reboot rollback revert undo scale drain cordon uncordon delete remove purge cleanup expand resize grow ' +
	'growpart increase decrease raise lower set update upgrade downgrade patch apply deploy redeploy recreate replace ' +
	'rotate renew reissue purchase failover promote demote kill terminate stop disable enable flush silence pause ' +
	'resume defrag defragment compact fix reroute migrate reschedule evict restore rerun re-run retry extend reduce ' +
	'throttle block unblock switch cycle reconnect resync reload repush re-push edit adjust tune fine-tune redesign ' +
	'rebuild reindex vacuum truncate rebalance shed add move free start clear trigger route configure reconfigure ' +
	'correct provision allocate install reinstall mount unmount inhibit rewrite split shard bump lift relax tighten ' +
	'whitelist allowlist deny quarantine isolate'
).split(' ');
const REMEDIATION_PHRASES = [
	'roll back',
	'roll out',
	'rollout undo',
	'clean up',
	'free up',
	'fail over',
	'turn off',
	'turn on',
	'scale up',
	'scale out',
	'scale down',
	'rollout restart'
];

/** Verbs too common in descriptive prose to signal a change unless used as an instruction. */
const AMBIGUOUS = new Set('add move free start clear trigger switch route split lift correct set'.split(' '));

const BASE_FORMS = new Set([...REMEDIATION_BASES, ...REMEDIATION_PHRASES]);
const GERUND_FORMS = new Set(
	[...REMEDIATION_BASES, ...REMEDIATION_PHRASES].map((v) => {
		const [first, ...rest] = v.split(' ');
		return [inflections(first)[3], ...rest].join(' ');
	})
);
const ANY_FORMS = new Set(
	[...REMEDIATION_BASES.filter((v) => !AMBIGUOUS.has(v)), ...REMEDIATION_PHRASES].flatMap((v) => {
		const [first, ...rest] = v.split(' ');
		return inflections(first).map((f) => [f, ...rest].join(' '));
	})
);

/** The words of normalised text, with each adjacent pair, for matching one- and two-word verbs. */
function wordsAndPairs(t: string): string[] {
	const w = t.match(/[a-z][a-z-]*/g) ?? [];
	return w.flatMap((x, i) => (i + 1 < w.length ? [x, `${x} ${w[i + 1]}`] : [x]));
}

/** True when normalised text contains a remediation verb in any inflection ("restarted", "rolling back"). */
export function hasRemediationVerb(t: string): boolean {
	return wordsAndPairs(t).some((w) => ANY_FORMS.has(w));
}

const INSTRUCTION_PREFIX = new RegExp(
	'^(?:(?:and|but|so|then|next|first|finally|also|otherwise|alternatively|else|now|instead|optionally)[, ]+)?' +
		'(?:(?:you|we|one) (?:can|could|may|might|should|must|need to|will need to|have to|want to|are going to) ' +
		'(?:also |then |simply |now )?|(?:please|consider|make sure to|be sure to|remember to|it is (?:safe|possible) to|' +
		'as a last resort,?|if needed,?|if necessary,?) )?'
);

/**
 * True when a normalised clause is an instruction to change something: it starts with a remediation verb in its
 * base form, possibly after "then", "you can", "make sure to"…, or with "try (to)" and a verb ("Restart the pod",
 * "You can delete the lock", "try restarting the process").
 */
export function isRemediationImperative(t: string): boolean {
	const rest = t.replace(INSTRUCTION_PREFIX, '');
	const tried = /^(?:try|attempt) (?:to )?(.*)$/.exec(rest);
	const words = (tried ? tried[1] : rest).match(/[a-z][a-z-]*/g) ?? [];
	const one = words[0] ?? '';
	const two = words.slice(0, 2).join(' ');
	if (BASE_FORMS.has(one) || BASE_FORMS.has(two)) return true;
	return tried !== null && (GERUND_FORMS.has(one) || GERUND_FORMS.has(two));
}

/**
 * A diagnosis instruction: the clause starts with a verb of looking in the imperative, possibly after "first",
 * "then", "you can" ("Check the kubelet logs", "then compare with the deploy time", "you can run …").
 */
export const CHECK_IMPERATIVE =
	/^(?:(?:first|then|next|also|finally|now)[, ]+)?(?:(?:you|we) (?:can|could|should|may|need to|must) (?:also |then )?|(?:please|try to|make sure to) )?(?:check|verify|look|inspect|review|confirm|see whether|see if|find|run|open|grep|query|search|compare|watch|examine|identify|determine|list|describe|get|ensure|validate|study|measure|test|trace|ping|curl|dig|ssh|log ?in(?:to)?|connect|read|count|filter|print|dump|capture|collect|fetch|browse|visit|use|go to|navigate|execute|evaluate|display|view|track|follow|correlate|rule out)\b/;

/** Lines that announce a step but say nothing testable. */
export const UNTESTABLE_STEP =
	/\b(check (?:if|that|whether) (?:things|everything|it|all|stuff) (?:looks?|is|are|seems?) (?:ok|okay|fine|good|normal|right|healthy)|make sure (?:everything|it|things|all) (?:is|are|works?|looks?) (?:ok|okay|fine|good|working|right)|fix (?:it|the (?:issue|problem)|things|whatever)|investigate (?:the (?:issue|problem)|further|as needed)|use (?:your|common) (?:judgement|judgment|sense)|do the needful|figure (?:it|this|that) out|debug (?:it|the (?:issue|problem))|see what'?s wrong|look around|resolve the (?:issue|problem)|handle (?:it|the (?:issue|problem))|take (?:appropriate|necessary|the usual) (?:action|steps)|as (?:needed|appropriate)|if needed,? fix|restart (?:stuff|things|everything)|sort it out|deal with it|keep an eye on (?:it|things|everything)|monitor (?:it|things|the situation)|ask around|someone (?:usually )?knows)\b/;

/** Placeholder markers of unfinished runbooks. */
export const PLACEHOLDER =
	/(?:^|[\s#:(])(todo|tbd|fixme|xxx|tba|coming soon|to be written|to be documented|command needed)\b/;

/** Verification language: how to tell the fix worked. */
export const VERIFY_PHRASE =
	/\b(verify|verif(?:ies|ied|ication)|confirm(?:s|ed)? (?:that|whether|the|it|again)|confirmation|validat(?:e|es|ed|ion)|make sure (?:that )?(?:the )?\w+ (?:is|are) (?:back|healthy|running|ready|green)|check (?:that|again|whether|if) [^.\n]{0,60}(?:resolved|recovered|healthy|back|normal|ready|running|clear(?:ed)?|gone|available|free|decreas\w*|dropp\w*|below|under|green)|should (?:now )?(?:be (?:back|healthy|below|under|less|lower|green|ready|running|resolved|gone|available|empty|zero|normal|stable|fixed|reduced|free)|show|return|drop|resolve|clear|recover|stop firing|go (?:back|down)|fall|disappear|decrease|succeed)|alert (?:should )?(?:resolves?|clears?|stops? firing)|(?:error rate|errors|latency|usage|graph|metric|queue|lag|value)s? (?:returns?|drops?|goes back|recovers?|falls?|should)|space should be available|you should (?:now )?see|expected (?:output|result|value)|is healthy|back to normal|succeeds?\b|the output (?:shows|should))\b/;

/** Statements of what a healthy result looks like (partial verification when only in diagnosis). */
export const EXPECTED_OUTCOME =
	/\b(should (?:be|stay|remain) (?:less|more|lower|higher|below|above|under|over|at most|at least|around|close to|empty|zero|\d)|that'?s good|is (?:healthy|normal|expected)|if you (?:don't|do not) (?:get|see) any (?:results|output)|a (?:sawtooth|flat|healthy) (?:graph|pattern|line)|is ideal)\b/;

/** Undo, rollback and backups. */
export const UNDO_PHRASE =
	/\b(roll ?back|rollback|rollout undo|revert|undo|back ?out|restore (?:the )?(?:previous|original|old|backup|from)|previous (?:value|version|state|config\w*|setting)|re-?enable|uncordon|recreate it|from (?:the|a) backup|back ?up (?:the|your|all|it)|take a (?:backup|snapshot)|snapshot|backup|to reverse)\b/;

/** Awareness of risk when changing production. */
export const CAUTION_PHRASE =
	/(?:^|\*\*|\b)(?:warning:|note:)|\b(one (?:\w+ )?(?:by one|at a time)|carefully|with care|caution|be careful|data loss|if you are comfortable|irreversibl\w*|destructive|cannot be undone|can't be undone|not reversible|(?:do not|don't|never) (?:run|restart|delete|remove|drop|force|kill|reboot|scale|touch|change|deploy|apply|do this)|only if|last resort|low[- ]traffic|maintenance window|impact on production|diminish the impact|before (?:you|running|deleting|restarting)|make sure to|double[- ]check|dry[- ]run|--dry-run)\b/;

/** Destructive commands worth a warning. */
export const DESTRUCTIVE =
	/(\brm\s+-\w*[rf]|\brm\b|\bdelete\b|--force\b|--grace-period=0|\bdrop (?:table|database)\b|\btruncate\b|\bpurge\b|\bmkfs\b|\bdd if=|\bupdate-ref -d\b|\bflushall\b|\bdefrag\b|\bkill -9\b)/;

/** Escalation: who to involve. */
export const ESCALATE_VERB =
	/\b(escalat\w*|page|paging|contact|reach out|notify|ping|ask|talk (?:with|to)|inform|hand (?:over|off)|engage|loop in|call|open (?:an? )?(?:issue|ticket|incident|case)|file (?:an? )?(?:issue|ticket|bug)|raise (?:an? )?(?:issue|ticket)|get help)\b/;
export const ESCALATE_WHOM =
	/(\b(?:team|on-?call|owners?|developers?|devs|engineers?|sre|support|vendor|provider|dba|security|secops|lead|manager|incident commander|service owner|maintainers?|network(?:ing)? team|platform team|infra(?:structure)? team|storage team|database team|upstream|red hat|aws|gcp|azure)\b|#[\w-]+|@[\w-]+)/;
export const ESCALATE_WHEN =
	/\b(if|when|after|unless|once|should)\b[^.\n]{0,80}\b(persists?|not (?:resolve|work|help|recover|fix)\w*|doesn't|does not|didn't|did not|still|unable|cannot|can't|fails?|failed|more than|longer than|within|\d+\s*(?:min(?:ute)?s?|hours?)|unsure|not sure|unclear|data loss|customer impact|security|beyond)\b/;

// ------------------------------------------------------------------ postmortems

/** Quantities: percentages, counts with units, durations, money. */
export const QUANTITY =
	/(\d+(?:[.,]\d+)?\s*(?:%|percent|per cent)|\b\d[\d,.]*\s*(?:k|m|b|bn|thousand|million|billion)?\s*(?:users?|customers?|requests?|queries|searches|visits|page ?views|orders?|payments?|transactions?|merchants?|accounts?|errors?|calls?|jobs?|messages?|emails?|notifications?|pages?|sessions?|checkouts?|sign-?ins?|logins?|builds?|deploys?|tickets?|contacts?|alerts?|incidents?|records?|rows?|events?|uploads?|downloads?|devices?|clients?|tenants?|repositor(?:y|ies))\b|\b\d+\s*(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b|[$€£]\s?\d[\d,.]*\s*(?:k|m|b|bn|million|billion)?|\b\d[\d,.]*\s*(?:usd|eur|gbp|dollars?|euros?)\b|\b\d+(?:\.\d+)?\s*(?:ms|rps|qps|req\/s))/g;

/** Action items that are not actionable. */
export const VAGUE_ACTION_ITEM =
	/\b(be more careful|pay more attention|be careful|try harder|improve (?:monitoring|communication|testing|processes?|things)$|more training|retrain|remind (?:people|everyone|\w+) to|don't do (?:it|that) again|avoid (?:this|mistakes) in the future|fix (?:it|things)$|look into it$|investigate$)\b/;

// ------------------------------------------------------------------ commands and queries (runbooks)

/** Fence info strings of code blocks that hold commands or queries. */
export const CODE_LANGS: ReadonlySet<string> = new Set(
	'sh shell bash zsh promql logql sql psql ruby rb python py powershell ps1 go javascript js hcl terraform'.split(
		' '
	)
);

const TOOLS = new Set(
	(
		'kubectl oc helm curl wget dig nslookup host ping traceroute mtr ss netstat ip ifconfig tcpdump openssl ' +
		'systemctl journalctl service ssh scp ps top htop df du free vmstat iostat lsof grep egrep awk sed cat tail less ' +
		'head find ls rm mv cp chmod chown mount umount lsblk growpart resize2fs fdisk docker podman crictl etcdctl ' +
		'consul vault terraform aws gcloud az psql mysql redis-cli gitlab-ctl gitlab-rails git make python python3 node ' +
		'npm jq yq promtool amtool logcli cmctl echo export cd ionice nice kill pkill uptime dmesg mdadm ceph rados ' +
		'nodetool cqlsh mongo mongosh apt-get apt yum dnf crontab timedatectl chronyc ntpq iptables nft ethtool arp nc ' +
		'telnet strace watch diff stat file nmap ncat ab hey wrk systemd-analyze getent resolvectl certbot step select ' +
		'copy explain show vacuum analyze'
	).split(' ')
);

/** True when a line is a shell or SQL command (optionally behind `$ `, `# `, `sudo` or `VAR=value`). */
export function isCommandLine(line: string): boolean {
	const rest = line
		.replace(/^\s*(?:\$\s*|#\s+(?=[a-z]))?/, '')
		.replace(/^sudo\s+(?:-u\s+\S+\s+)?/, '')
		.replace(/^(?:[A-Z_]+=\S*\s+)+/, '');
	if (/^[A-Z_]{2,}=/.test(rest)) return true;
	const tool = /^[\w.-]+/.exec(rest)?.[0].toLowerCase() ?? '';
	return TOOLS.has(tool) || /^kafka-[\w-]+$/.test(tool);
}

/** A PromQL or LogQL query (a function call, a selector with labels, or a LogQL stream selector). */
export const QUERY_LIKE =
	/\b(?:rate|irate|increase|sum|avg|max|min|count|histogram_quantile|topk|bottomk|absent|predict_linear|delta|deriv|quantile_over_time|avg_over_time|max_over_time|count_over_time)\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(|[a-z_:][a-z0-9_:]*\{[^}]*\}|\{\s*[a-z_]+\s*(?:=|=~|!=)\s*"[^"]*"/i;

/** A metric name on its own (`node_filesystem_avail_bytes`): something specific to look at. */
export const METRIC_NAME = /^[a-z_:][a-z0-9_:]*_[a-z0-9_:]*_[a-z0-9_:]+$/;

/** A link to a dashboard, log search or metrics console, or a named dashboard. */
export const TELEMETRY_LINK =
	/\[[^\]]*\b(?:dashboards?|grafana|kibana|logs?|sentry|thanos|metrics?|explore)\b[^\]]*\]\([^)]+\)|\[[^\]]+\]\([^)]*(?:grafana|kibana|\/d\/|dashboards?\.|\/dashboard|log\.|sentry\.|thanos\.|\/graph\?|\/explore)[^)]*\)|`[^`]+`\s*dashboard|\bdashboard\s*`[^`]+`/i;

/** Subcommands that only read, even when a remediation word appears in their arguments (`kubectl -n x get deploy`). */
export const READ_ONLY_COMMAND =
	/^\s*(?:\$\s*)?(?:sudo\s+)?\S+\s+(?:--?[\w-]+(?:[= ](?!-)[^\s|]+)?\s+)*(?:get|describe|logs?|status|top|show|list|version|inspect|diff|explain|history|rollout (?:history|status))\b/;

/** Shell plumbing that is not a check in itself (`cd /var`, `export NS=prod`). */
export const TRIVIAL_COMMAND =
	/^\s*(?:\$\s*)?(?:cd|exit|export|chroot|sudo\s+-u\s+\S+|sudo\s+-i|[A-Z_]+=\S*)\s*(?:\S+)?\s*$/;

/** A diagnosis step that says what its output should look like. */
export const EXPECTED_OUTPUT =
	/\b(should (?:show|describe|contain|list|display|return|print|include|report|be)|look (?:for|at)|you (?:will|should|can) see|the output|will (?:show|display|list|report)|shows? (?:the|you|which|why|whether)|displays?|compare (?:it |them )?(?:with|to|against))\b/;

/** A line that only points elsewhere ("See the docs"). */
export const LINK_ONLY =
	/^(?:see|more information|for more|read more|refer to|check out|documentation|docs)\b/;

/** An instruction in the passive voice ("This alert should be routed to a null receiver"). */
export const PASSIVE_INSTRUCTION = /\b(?:should|must|needs? to|has to|have to) be (?:\w+ed|\w+en)\b/;
