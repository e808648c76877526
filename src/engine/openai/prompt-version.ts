/**
 * The version of the prompts and output schema. It is part of the outline cache key: change it
 * whenever a prompt or `output-schema.ts` changes what the model would answer, so that outlines
 * made by an older prompt are not served again.
 */
export const PROMPT_VERSION = 'gofast-openai-v2';
