// The sandbox's own page: act as WeChat, WeCom and a form service towards Herald, and see what it sent.
// Everything shown comes from /_sandbox/platform and is written with textContent (never as HTML).

const style = `body{font:14px system-ui;margin:1.5rem;color:#1d2433;max-width:1200px}h1{margin:0 0 .3rem}
section{border:1px solid #e4e7ec;border-radius:8px;padding:12px 16px;margin:12px 0}h2{font-size:16px;margin:0 0 8px}
label{display:inline-flex;flex-direction:column;font-size:12px;margin:4px 8px 4px 0}
input,select{font:inherit;padding:4px 6px}
button{font:inherit;padding:4px 10px;margin:4px 6px 4px 0;cursor:pointer}
td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.result{font-size:13px;margin:6px 0;white-space:pre-wrap}.ok{color:#027a48}.err{color:#b42318}.muted{color:#6b7385}`;

const script = `
const $ = (id) => document.getElementById(id);
const post = (path, body) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then((r) => r.json());
const show = (el, answer, okText) => {
  el.className = 'result ' + (answer.ok ? 'ok' : 'err');
  el.textContent = answer.ok
    ? okText + ' Herald answered ' + answer.status + ': ' + answer.body
    : 'Not done: ' + (answer.status ? 'Herald answered ' + answer.status + ': ' : '') + answer.body;
};
const cell = (row, text) => { const td = row.insertCell(); td.textContent = text; return td; };
let state = { apps: [], tasks: [], requests: [], callbacks: [], messages: [] };
function fill(select, items) {
  const keep = select.value;
  select.replaceChildren(...items.map((i) => {
    const o = document.createElement('option'); o.value = i; o.textContent = i; return o;
  }));
  if (items.includes(keep)) select.value = keep;
}
async function refresh() {
  state = await fetch('/_sandbox/platform').then((r) => r.json());
  const wechat = state.apps.filter((a) => a.platform === 'wechat');
  fill($('sim-app'), wechat.filter((a) => a.server).map((a) => a.id));
  const apps = $('apps'); apps.replaceChildren();
  for (const a of state.apps) {
    const li = document.createElement('li');
    const server = a.server ? ' · callbacks to ' + a.server : ' · no server configuration yet';
    li.textContent = (a.platform === 'wechat' ? 'WeChat official account ' : 'WeCom corp ') + a.id
      + (a.platform === 'wechat' ? server : '');
    apps.append(li);
  }
  if (!$('cfg-appid').value && wechat[0]) $('cfg-appid').value = wechat[0].id;
  const app = state.apps.find((a) => a.id === $('sim-app').value);
  $('fans').replaceChildren(...(app ? app.fans : []).map((f) => {
    const o = document.createElement('option'); o.value = f; return o;
  }));
  const tasks = $('tasks').tBodies[0]; tasks.replaceChildren();
  for (const t of state.tasks.slice().reverse()) {
    const row = tasks.insertRow();
    row.dataset.sender = t.sender;
    cell(row, t.sender); cell(row, t.targets + ' customer(s)'); cell(row, t.content);
    const td = row.insertCell();
    if (t.confirmed) td.textContent = 'Confirmed';
    else {
      const b = document.createElement('button'); b.textContent = 'Confirm as ' + t.sender;
      b.onclick = () => post('/_sandbox/wecom/confirm', { msgid: t.msgid }).then(refresh); td.append(b);
    }
  }
  $('no-tasks').hidden = state.tasks.length > 0;
  const requests = $('requests').tBodies[0]; requests.replaceChildren();
  for (const r of state.requests.slice().reverse()) {
    const row = requests.insertRow();
    row.dataset.customer = r.customer;
    cell(row, r.employee); cell(row, r.customer); cell(row, r.content);
    const td = row.insertCell();
    if (r.state !== 'waiting')
      td.textContent = (r.state === 'sent' ? 'Sent' : 'Declined') + (r.answer ? ' · ' + r.answer : '');
    else for (const [action, label] of [['send', 'Send as '], ['decline', 'Decline as ']]) {
      const b = document.createElement('button'); b.textContent = label + r.employee;
      b.onclick = () => post('/_sandbox/wecom/requests/act', { msgid: r.msgid, action }).then(refresh); td.append(b);
    }
  }
  $('no-requests').hidden = state.requests.length > 0;
  $('wc-callbacks').textContent = state.callbacks.map((c) => c.corp + ' → ' + c.url).join('; ') || 'None saved yet.';
  const body = $('sent').tBodies[0]; body.replaceChildren();
  for (const m of state.messages) {
    const row = body.insertRow();
    row.dataset.recipient = m.recipient;
    cell(row, new Date(m.at).toLocaleTimeString()); cell(row, m.channel); cell(row, m.method);
    cell(row, m.account); cell(row, m.recipient); cell(row, m.content);
  }
  $('sent-total').textContent = state.total + ' message(s) received from Herald (newest first, last 100).';
}
$('cfg').onsubmit = async (e) => {
  e.preventDefault();
  const answer = await post('/_sandbox/wechat/server-config', {
    appid: $('cfg-appid').value.trim(), url: $('cfg-url').value.trim(), token: $('cfg-token').value,
  });
  show($('cfg-result'), answer, 'Saved: the server passed WeChat\\'s check.');
  refresh();
};
const simulate = async (action, label) => {
  const answer = await post('/_sandbox/wechat/simulate', {
    appid: $('sim-app').value, openid: $('sim-openid').value.trim(), action,
  });
  show($('sim-result'), answer, label + ' sent.');
  refresh();
};
$('sim-follow').onclick = () => simulate({ kind: 'follow' }, 'Follow');
$('sim-message').onclick = () => simulate({ kind: 'message', text: $('sim-text').value }, 'Message');
$('sim-click').onclick = () => simulate({ kind: 'menu_click', key: $('sim-key').value }, 'Menu click');
$('sim-unfollow').onclick = () => simulate({ kind: 'unfollow' }, 'Unfollow');
$('sim-view').onclick = () => simulate({ kind: 'menu_view', url: $('sim-url').value }, 'Menu link');
$('sim-scanpush').onclick = () =>
simulate({ kind: 'scancode_push', key: $('sim-key').value, result: 'https://example.com/item' }, 'Scan from the menu');
$('wc-cfg').onsubmit = async (e) => {
  e.preventDefault();
  const answer = await post('/_sandbox/wecom/callback', {
    corpId: $('wc-corp').value.trim(), url: $('wc-url').value.trim(), token: $('wc-token').value,
  });
  show($('wc-result'), answer, 'Saved.');
  refresh();
};
$('sim-app').onchange = refresh;
$('form').onsubmit = async (e) => {
  e.preventDefault();
  const fields = Object.fromEntries(
    $('form-fields').value.split(',').map((p) => p.split('=').map((s) => s.trim())).filter((p) => p[0]),
  );
  const contact = {};
  for (const k of ['externalId', 'email', 'phone', 'name'])
    if ($('form-' + k).value.trim()) contact[k] = $('form-' + k).value.trim();
  const body = { url: $('form-url').value.trim(), secret: $('form-secret').value, contact, fields };
  show($('form-result'), await post('/_sandbox/forms/simulate', body), 'Submission sent.');
};
$('confirm-all').onclick = () => post('/_sandbox/wecom/confirm', {}).then(refresh);
refresh();
setInterval(refresh, 2000);
`;

/** The sandbox's page. */
export function platformPage(): string {
  return `<!doctype html><meta charset="utf-8"><title>Herald channel sandbox</title><style>${style}</style>
<h1>Channel sandbox</h1>
<p class="muted">A stand-in for WeChat, WeCom, a chat platform, a form service and a mail server, for trying Herald
without real accounts. Connect accounts in Herald with this address as their API address; then act as the platform
here.</p>
<section aria-labelledby="h-apps"><h2 id="h-apps">Accounts that called the sandbox</h2><ul id="apps"></ul></section>
<section aria-labelledby="h-cfg"><h2 id="h-cfg">WeChat: server configuration</h2>
<p class="muted">As on WeChat's Basic Configuration page: where the official account's callbacks go (Herald shows
this address on its Channels page) and the Token you chose there.</p>
<form id="cfg"><label>AppID<input id="cfg-appid" aria-label="AppID" required></label><label>Callback URL<input
id="cfg-url" aria-label="Callback URL" size="60" required></label><label>Token<input id="cfg-token" aria-label="Token"
required></label><button type="submit">Save server configuration</button></form>
<p id="cfg-result" class="result" role="status"></p></section>
<section aria-labelledby="h-sim"><h2 id="h-sim">WeChat: be a fan</h2>
<label>Official account<select id="sim-app" aria-label="Official account"></select></label><label>Fan openid<input
id="sim-openid" aria-label="Fan openid" list="fans" placeholder="o6_bmjrPTlm6_2sgVt7hMZOPfL2M"></label><datalist
id="fans"></datalist>
<div><button id="sim-follow" type="button">Simulate follow</button><button id="sim-unfollow"
type="button">Simulate unfollow</button></div>
<div><label>Message text<input id="sim-text" aria-label="Message text" value="Hello"></label><button id="sim-message"
type="button">Simulate message</button>
<label>Menu key<input id="sim-key" aria-label="Menu key" value="MENU_OFFERS"></label><button id="sim-click"
type="button">Simulate menu click</button><button id="sim-scanpush" type="button">Simulate scan from the menu</button>
<label>Menu link<input id="sim-url" aria-label="Menu link" value="https://example.com/"></label><button id="sim-view"
type="button">Simulate menu link</button></div>
<p id="sim-result" class="result" role="status" data-testid="simulate-result"></p></section>
<section aria-labelledby="h-form"><h2 id="h-form">A form service: submit a form</h2>
<form id="form"><label>Form address<input id="form-url" aria-label="Form address" size="60"
placeholder="http://127.0.0.1:3000/webhooks/forms/…/signup" required></label><label>Forms secret<input
id="form-secret" aria-label="Forms secret" required></label>
<label>External id<input id="form-externalId" aria-label="Form external id"></label><label>Email<input
id="form-email" aria-label="Form email"></label><label>Phone<input id="form-phone"
aria-label="Form phone"></label><label>Name<input id="form-name" aria-label="Form name"></label>
<label>Fields (key=value, …)<input id="form-fields" aria-label="Form fields"
placeholder="plan=gold, city=Shanghai"></label><button type="submit">Submit the form</button></form>
<p id="form-result" class="result" role="status"></p></section>
<section aria-labelledby="h-tasks"><h2 id="h-tasks">WeCom: group messages waiting for employees</h2>
<p id="no-tasks" class="muted">None waiting.</p><button id="confirm-all" type="button">Confirm all</button>
<table id="tasks"><thead><tr><th>Employee</th><th>To</th><th>Content</th><th></th></tr></thead><tbody></tbody></table>
</section>
<section aria-labelledby="h-wc-cfg"><h2 id="h-wc-cfg">WeCom: the app's callback configuration</h2>
<p class="muted">As on the app's "Receive messages" page: where WeCom tells Herald what employees did with agent
messages (Herald shows this address on its Channels page) and the Token you chose there.</p>
<form id="wc-cfg"><label>Corp ID<input id="wc-corp" aria-label="Corp ID" required></label><label>Callback URL<input
id="wc-url" aria-label="WeCom callback URL" size="60" required></label><label>Token<input id="wc-token"
aria-label="WeCom token" required></label><button type="submit">Save callback configuration</button></form>
<p id="wc-result" class="result" role="status"></p><p class="muted">Saved: <span id="wc-callbacks"></span></p></section>
<section aria-labelledby="h-requests"><h2 id="h-requests">WeCom: agent messages employees are asked to send</h2>
<p id="no-requests" class="muted">None yet.</p>
<table id="requests" data-testid="employee-requests"><thead><tr><th>Employee</th><th>Customer</th><th>Content</th>
<th></th></tr></thead><tbody></tbody></table></section>
<section aria-labelledby="h-sent"><h2 id="h-sent">What Herald sent</h2><p id="sent-total" class="muted"></p>
<table id="sent" data-testid="sent-messages"><thead><tr><th>At</th><th>Channel</th><th>Method</th><th>Account</th>
<th>Recipient</th><th>Content</th></tr></thead><tbody></tbody></table></section>
<script>${script}</script>`;
}
