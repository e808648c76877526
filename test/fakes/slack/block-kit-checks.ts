/**
 * The Block Kit rules Slack enforces when a message or view is sent (its documented limits), as the
 * fake's validator: a rendering that breaks one is refused as Slack would refuse it.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObject(v) && typeof v.text === 'string' ? v.text : '');
const length = (s: string): number => [...s].length;

function checkText(problems: string[], where: string, value: unknown, max: number): void {
  const text = textOf(value);
  if (length(text) > max) problems.push(`${where}: text of ${length(text)} characters exceeds ${max}`);
}

function checkOptions(problems: string[], where: string, element: Json, max: number): void {
  const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
  if (options.length > max) problems.push(`${where}: ${options.length} options exceed ${max}`);
  for (const option of options) {
    checkText(problems, `${where} option`, option.text, 75);
    if (typeof option.value === 'string' && option.value.length > 150) problems.push(`${where}: option value too long`);
  }
  const values = new Set(options.map((o) => o.value));
  const initial = [element.initial_option, ...(Array.isArray(element.initial_options) ? element.initial_options : [])].filter(isObject);
  for (const chosen of initial)
    if (!values.has(chosen.value)) problems.push(`${where}: initial option ${String(chosen.value)} is not one of the options`);
}

function checkElement(problems: string[], where: string, element: Json): void {
  if (typeof element.action_id === 'string' && element.action_id.length > 255) problems.push(`${where}: action_id too long`);
  switch (element.type) {
    case 'button':
      checkText(problems, `${where} button`, element.text, 75);
      if (typeof element.value === 'string' && element.value.length > 2000)
        problems.push(`${where}: button value of ${element.value.length} characters exceeds 2000`);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
        problems.push(`${where}: bad button style`);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(problems, where, element, 10);
      break;
    case 'static_select':
    case 'multi_static_select':
      checkOptions(problems, where, element, 100);
      break;
    case 'overflow':
      checkOptions(problems, where, element, 5);
      break;
    case 'plain_text_input':
    case 'number_input':
    case 'datepicker':
      checkText(problems, `${where} placeholder`, element.placeholder, 150);
      if (element.type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean')
        problems.push(`${where}: number_input needs is_decimal_allowed`);
      if (element.type === 'datepicker' && element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date)))
        problems.push(`${where}: bad initial_date`);
      break;
    default:
      break;
  }
}

function checkBlock(problems: string[], where: string, block: Json, surface: 'message' | 'modal' | 'home'): void {
  switch (block.type) {
    case 'section': {
      checkText(problems, `${where} section`, block.text, 3000);
      const fields = Array.isArray(block.fields) ? block.fields : [];
      if (fields.length > 10) problems.push(`${where}: ${fields.length} fields exceed 10`);
      for (const field of fields) checkText(problems, `${where} field`, field, 2000);
      if (block.text === undefined && fields.length === 0) problems.push(`${where}: a section needs text or fields`);
      break;
    }
    case 'header':
      checkText(problems, `${where} header`, block.text, 150);
      if (!isObject(block.text) || block.text.type !== 'plain_text') problems.push(`${where}: a header's text must be plain_text`);
      break;
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 10) problems.push(`${where}: context needs 1–10 elements`);
      break;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
      if (elements.length === 0 || elements.length > 25) problems.push(`${where}: actions needs 1–25 elements`);
      const ids = elements.map((e) => e.action_id).filter((id) => id !== undefined);
      if (new Set(ids).size !== ids.length) problems.push(`${where}: action_id repeated within one block`);
      elements.forEach((e, i) => checkElement(problems, `${where} element ${i}`, e));
      break;
    }
    case 'input':
      if (surface === 'message') problems.push(`${where}: input blocks belong in modals and the Home tab`);
      checkText(problems, `${where} label`, block.label, 2000);
      if (isObject(block.element)) checkElement(problems, `${where} element`, block.element);
      else problems.push(`${where}: input without element`);
      break;
    case 'image': {
      // Slack: alt_text is required (≤ 2000), with exactly one source, image_url or slack_file (an id or a url).
      if (typeof block.alt_text !== 'string' || block.alt_text === '') problems.push(`${where}: an image needs alt_text`);
      else if (length(block.alt_text) > 2000) problems.push(`${where}: alt_text of ${length(block.alt_text)} characters exceeds 2000`);
      if (block.title !== undefined) checkText(problems, `${where} title`, block.title, 2000);
      if ((block.image_url === undefined) === (block.slack_file === undefined))
        problems.push(`${where}: an image needs image_url or slack_file`);
      const file = block.slack_file;
      if (file !== undefined && (!isObject(file) || (file.id === undefined) === (file.url === undefined)))
        problems.push(`${where}: slack_file needs an id or a url`);
      break;
    }
    case 'divider':
      break;
    default:
      problems.push(`${where}: unexpected block type ${String(block.type)}`);
  }
}

/** Problems Slack would report for a message (`{ blocks }`) or a view object; empty when fine. */
export function blockKitProblems(payload: Json, surface: 'message' | 'modal' | 'home'): string[] {
  const problems: string[] = [];
  const blocks = Array.isArray(payload.blocks) ? (payload.blocks as unknown[]) : [];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`${blocks.length} blocks exceed ${max}`);
  if (surface === 'modal') {
    checkText(problems, 'title', payload.title, 24);
    checkText(problems, 'submit', payload.submit, 24);
    checkText(problems, 'close', payload.close, 24);
    if (textOf(payload.title) === '') problems.push('a modal needs a title');
    if (typeof payload.private_metadata === 'string' && payload.private_metadata.length > 3000)
      problems.push('private_metadata exceeds 3000 characters');
    if (blocks.some((b) => isObject(b) && b.type === 'input') && payload.submit === undefined)
      problems.push('a modal with inputs needs submit');
  }
  const blockIds = blocks
    .filter(isObject)
    .map((b) => b.block_id)
    .filter((id) => id !== undefined);
  if (new Set(blockIds).size !== blockIds.length) problems.push('block_id repeated');
  blocks.forEach((block, i) => {
    if (isObject(block)) checkBlock(problems, `block ${i}`, block, surface);
    else problems.push(`block ${i}: not an object`);
  });
  return problems;
}
