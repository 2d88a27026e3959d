import { useId } from 'react';

/**
 * A labelled native range input (arrows, Page Up/Down, Home/End work) with its value shown in
 * `format`'s words. Fires `onChange` on every step.
 */
export function Slider({
  label,
  value,
  min,
  max,
  step,
  format,
  onChange,
  testId,
  title,
  disabled,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
  onChange: (v: number) => void;
  testId: string;
  title?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="slider" title={title}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={id} data-testid={`${testId}-value`}>
        {format(value)}
      </output>
    </div>
  );
}
