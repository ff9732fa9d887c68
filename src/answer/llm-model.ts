/**
 * The configured LangChain chat model: OpenAI (or any OpenAI-compatible server through
 * OPENAI_BASE_URL), Azure OpenAI, or Ollama. Deterministic (temperature 0), one retry, and the
 * configured timeout, so that a slow provider falls back to the extractive answer quickly.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AzureChatOpenAI, ChatOpenAI } from '@langchain/openai';
import { ChatOllama } from '@langchain/ollama';
import type { Config } from '../config.ts';

/** Model names used when LLM_MODEL is unset. */
export const DEFAULT_MODELS = { openai: 'gpt-4o-mini', azure: undefined, ollama: 'llama3.1' } as const;

export function createChatModel(config: Config): BaseChatModel {
  const { env } = config;
  const timeout = config.llm.timeoutMs;
  switch (config.llm.provider) {
    case 'openai':
      return new ChatOpenAI({
        model: config.llm.model ?? DEFAULT_MODELS.openai,
        // OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) often need no key; the client needs a string.
        apiKey: env.OPENAI_API_KEY ?? 'not-needed',
        configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined,
        temperature: 0,
        timeout,
        maxRetries: 1,
      });
    case 'azure':
      return new AzureChatOpenAI({
        azureOpenAIApiKey: env.AZURE_OPENAI_API_KEY,
        azureOpenAIApiInstanceName: env.AZURE_OPENAI_API_INSTANCE_NAME,
        azureOpenAIApiDeploymentName: env.AZURE_OPENAI_API_DEPLOYMENT_NAME,
        azureOpenAIApiVersion: env.AZURE_OPENAI_API_VERSION,
        model: config.llm.model,
        temperature: 0,
        timeout,
        maxRetries: 1,
      });
    case 'ollama':
      return new ChatOllama({
        baseUrl: env.OLLAMA_BASE_URL,
        model: config.llm.model ?? DEFAULT_MODELS.ollama,
        temperature: 0,
      });
  }
}
