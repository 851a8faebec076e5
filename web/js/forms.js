// Form building blocks with labels, hints and error messages wired for screen readers, and
// one submit routine: required fields checked in Swedish, the server's BAD_INPUT mapped to
// the field it names (extensions.field), other errors shown above the form.

import { ApiError } from './api.js';
import { h, newId, replace } from './dom.js';

/**
 * The shared frame of one field: label, optional hint, the control, and an error line.
 * `serverFields` lists the names the server may blame for this control (extensions.field),
 * e.g. a "new password" box is blamed as "password" by the server.
 */
function frame({ name, label, hint, serverFields = [], control, id, inline = false }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const labelEl = h('label', { for: id, class: 'field__label' }, label);
  const hintEl = hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null;
  const errorEl = h('p', { id: errorId, class: 'field__error', hidden: true });
  const names = [name, ...serverFields].join(' ');
  return inline
    ? h('div', { class: 'field field--check', 'data-fields': names }, control, labelEl, hintEl, errorEl)
    : h('div', { class: 'field', 'data-fields': names }, labelEl, hintEl, errorEl, control);
}

/** A text-like input: text, email, password, date, search, url, tel. */
export function textField({
  name,
  label,
  type = 'text',
  value = '',
  required = false,
  autocomplete = null,
  hint = null,
  serverFields,
  min = null,
  max = null,
  maxlength = null,
  readonly = false,
  inputmode = null,
}) {
  const id = newId(`f-${name}`);
  const control = h('input', {
    id,
    name,
    type,
    value,
    class: 'field__input',
    required,
    autocomplete,
    min,
    max,
    maxlength,
    readonly,
    inputmode,
    spellcheck: type === 'text' ? null : 'false',
  });
  return frame({ name, label, hint, serverFields, control, id });
}

/** A multi-line text box (Markdown, CSV, …). */
export function textareaField({ name, label, value = '', required = false, hint = null, serverFields, rows = 8, maxlength = null }) {
  const id = newId(`f-${name}`);
  const control = h('textarea', { id, name, class: 'field__input field__textarea', required, rows, maxlength, value });
  return frame({ name, label, hint, serverFields, control, id });
}

/** A select; options: [{ value, label }]. */
export function selectField({ name, label, options, value = '', required = false, hint = null, serverFields }) {
  const id = newId(`f-${name}`);
  const control = h(
    'select',
    { id, name, class: 'field__input', required },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
  return frame({ name, label, hint, serverFields, control, id });
}

/** A single checkbox with its label to the right. */
export function checkboxField({ name, label, checked = false, hint = null, serverFields }) {
  const id = newId(`f-${name}`);
  const control = h('input', { id, name, type: 'checkbox', class: 'field__check', checked });
  return frame({ name, label, hint, serverFields, control, id, inline: true });
}

/** Radio buttons in a fieldset with a legend; options: [{ value, label, hint }]. */
export function radioGroup({ name, legend, options, value, serverFields = [] }) {
  const errorId = newId(`f-${name}-error`);
  return h(
    'fieldset',
    { class: 'field field--group', 'data-fields': [name, ...serverFields].join(' ') },
    h('legend', { class: 'field__label' }, legend),
    h('p', { id: errorId, class: 'field__error', hidden: true }),
    options.map((o) => {
      const id = newId(`f-${name}`);
      const hintId = o.hint ? `${id}-hint` : null;
      return h(
        'div',
        { class: 'field--check' },
        h('input', {
          id,
          type: 'radio',
          name,
          value: o.value,
          class: 'field__check',
          checked: o.value === value,
          'aria-describedby': hintId,
        }),
        h('label', { for: id }, o.label),
        o.hint ? h('p', { id: hintId, class: 'field__hint' }, o.hint) : null,
      );
    }),
  );
}

/** The values of a form by name: checkboxes as booleans, text trimmed (passwords untouched). */
export function readValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
    } else if (el.type === 'password') values[el.name] = el.value;
    else values[el.name] = el.value.trim();
  }
  return values;
}

function controlOf(wrapper) {
  return wrapper.querySelector('input, select, textarea');
}

function labelText(wrapper) {
  return (wrapper.querySelector('.field__label')?.textContent ?? '').trim();
}

export function clearErrors(form) {
  replace(form.querySelector('.form__errors'));
  for (const wrapper of form.querySelectorAll('.field--invalid')) {
    wrapper.classList.remove('field--invalid');
    const error = wrapper.querySelector('.field__error');
    error.hidden = true;
    error.textContent = '';
    for (const control of wrapper.querySelectorAll('input, select, textarea')) {
      control.removeAttribute('aria-invalid');
      const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((i) => i && i !== error.id);
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }
}

function wrapperFor(form, field) {
  if (!field) return null;
  return [...form.querySelectorAll('[data-fields]')].find((w) => w.dataset.fields.split(' ').includes(field)) ?? null;
}

/**
 * Shows errors: [{ field?, message }]. Field errors go next to their control (aria-invalid,
 * described by the message) and are listed above the form; focus goes to the first one.
 */
export function showErrors(form, errors) {
  clearErrors(form);
  const summary = form.querySelector('.form__errors');
  const items = [];
  let firstControl = null;
  for (const { field, message } of errors) {
    const wrapper = wrapperFor(form, field);
    if (!wrapper) {
      items.push(h('li', null, message));
      continue;
    }
    wrapper.classList.add('field--invalid');
    const error = wrapper.querySelector('.field__error');
    error.textContent = message;
    error.hidden = false;
    const controls = wrapper.querySelectorAll('input, select, textarea');
    for (const control of controls) {
      control.setAttribute('aria-invalid', 'true');
      const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      control.setAttribute('aria-describedby', [error.id, ...ids].join(' '));
    }
    const control = controls[0];
    firstControl ??= control;
    items.push(
      h(
        'li',
        null,
        h(
          'a',
          {
            href: `#${control.id}`,
            'data-external': true,
            onclick: (event) => {
              event.preventDefault();
              control.focus();
            },
          },
          message,
        ),
      ),
    );
  }
  const box = h(
    'div',
    { class: 'notice notice--error', role: 'alert', tabindex: '-1' },
    h('p', { class: 'notice__title' }, firstControl ? 'Rätta följande:' : 'Det gick inte:'),
    h('ul', { class: 'notice__list' }, items),
  );
  replace(summary, box);
  (firstControl ?? box).focus();
}

/**
 * A form with an error area and a submit button. `onSubmit(values, form)` may throw an
 * ApiError; `validate(values)` returns [{ field, message }] for checks the browser can do
 * (repeat the password, …). Required fields are checked first, in Swedish.
 */
export function form({ children, submitLabel, onSubmit, validate = () => [], label = null, secondary = null }) {
  const button = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const el = h(
    'form',
    { class: 'form', novalidate: true, 'aria-label': label },
    h('div', { class: 'form__errors' }),
    children,
    h('div', { class: 'form__actions' }, button, secondary),
  );
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (el.getAttribute('aria-busy') === 'true') return;
    const values = readValues(el);
    const errors = [];
    for (const wrapper of el.querySelectorAll('[data-fields]')) {
      const control = controlOf(wrapper);
      if (control?.required && control.value.trim() === '') {
        errors.push({ field: control.name, message: `Fyll i ${labelText(wrapper).toLowerCase()}.` });
      }
    }
    if (errors.length === 0) errors.push(...validate(values));
    if (errors.length > 0) {
      showErrors(el, errors);
      return;
    }
    clearErrors(el);
    el.setAttribute('aria-busy', 'true');
    button.disabled = true;
    try {
      await onSubmit(values, el);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return; // on the way to login
      if (!(err instanceof ApiError)) console.error(err);
      const message = err instanceof ApiError ? err.message : 'Något gick fel, försök igen.';
      showErrors(el, [{ field: err instanceof ApiError && err.code === 'BAD_INPUT' ? err.field : null, message }]);
    } finally {
      el.removeAttribute('aria-busy');
      button.disabled = false;
    }
  });
  return el;
}
