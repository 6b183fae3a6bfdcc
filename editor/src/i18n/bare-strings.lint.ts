// The lint of the pages in the catalogues (bare-strings.test.ts runs it): no English a marketer would read is
// left written in their JSX.
// A heuristic over the TypeScript syntax tree of each file (no type checking), flagging:
//  - JSX text with a word in it ("Save", "Next run");
//  - string literals a JSX child or attribute shows: `{'Text'}`, `{ok ? 'Yes' : 'No'}`, `{error || 'Failed'}`,
//    `placeholder="Name"`, and the attributes title, aria-label, alt, label;
//  - object properties that tables and dialogs show (label, title, placeholder, confirm, hint, empty).
// "English" means a word of two letters or more that is in a sentence (a space) or capitalised (Save);
// lone lowercase tokens (openid, px), addresses (https://…, mei@example.com), time zones (Asia/Shanghai) and
// names that stay the same in Chinese (Herald, AppID, CSV…) pass.
import ts from 'typescript';

const keptNames = [
  ...['Herald', 'AppID', 'AppSecret', 'AgentId', 'Corp ID', 'CorpID', 'EncodingAESKey', 'Token', 'Secret'],
  ...['API', 'CSV', 'URL', 'JSON', 'SMTP', 'OpenID', 'openid', 'UTC', 'Webhook', 'HTTP', 'POST', 'HTTPS', 'ID'],
];
const kept = new RegExp(`\\b(${keptNames.join('|')})\\b`, 'g');
const visibleAttributes = new Set(['placeholder', 'title', 'aria-label', 'alt', 'label']);
const visibleProperties = new Set(['label', 'title', 'placeholder', 'confirm', 'hint', 'empty']);

/** Whether a text reads as English to a person (see the rules above). */
export function looksEnglish(text: string): boolean {
  const rest = text
    .replace(/\S+:\/\/\S+|\S+@\S+\.\S+/g, '')
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+(\/[A-Za-z_]+)?\b/g, '')
    .replace(kept, '');
  if (!/[A-Za-z]{2,}/.test(rest)) return false;
  const words = rest.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w));
  return words.length >= 2 || /\b[A-Z][a-z]+/.test(rest);
}

/** Whether a string literal's value reaches the JSX it sits in (through ?:, &&, ||, ?? and parentheses). */
function shownInJsx(node: ts.Node): boolean {
  let at: ts.Node = node;
  for (;;) {
    const parent = at.parent;
    if (ts.isParenthesizedExpression(parent)) at = parent;
    else if (ts.isConditionalExpression(parent) && parent.condition !== at) at = parent;
    else if (
      ts.isBinaryExpression(parent) &&
      parent.right === at &&
      [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        parent.operatorToken.kind,
      )
    )
      at = parent;
    else if (
      ts.isBinaryExpression(parent) &&
      parent.left === at &&
      parent.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken
    )
      at = parent;
    else if (ts.isJsxExpression(parent)) {
      const owner = parent.parent;
      return ts.isJsxAttribute(owner) ? visibleAttributes.has(owner.name.getText()) : true;
    } else return false;
  }
}

/** The English left in one TSX source, as "line: text". */
export function bareStrings(source: string, fileName = 'x.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const flag = (node: ts.Node, text: string) => {
    if (looksEnglish(text))
      found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) flag(node, node.text);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node)
        ? node
            .getText()
            .slice(1, -1)
            .replace(/\$\{[^}]*\}/g, ' ')
        : node.text;
      const parent = node.parent;
      if (ts.isJsxAttribute(parent) && visibleAttributes.has(parent.name.getText())) flag(node, text);
      else if (
        ts.isPropertyAssignment(parent) &&
        parent.initializer === node &&
        visibleProperties.has(parent.name.getText())
      )
        flag(node, text);
      else if (!ts.isJsxAttribute(parent) && shownInJsx(node)) flag(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
