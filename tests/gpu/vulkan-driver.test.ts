// unit: the gpu tier respects a driver the user chose.
import { describe, expect, it } from 'vitest';
import { configureVulkanDriver } from './vulkan-driver';

describe('configureVulkanDriver', () => {
  it('keeps VK_ICD_FILENAMES from the environment untouched', () => {
    const env = { VK_ICD_FILENAMES: '/opt/icd.json' };
    expect(configureVulkanDriver(env)).toBe('from the environment (/opt/icd.json)');
    expect(env).toEqual({ VK_ICD_FILENAMES: '/opt/icd.json' });
  });
});
