import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../testing/jsdomGaps';
import { DataSource } from '../datasource';
import { instanceSettings } from '../testing/instanceSettings';
import { AnnotationEditor } from './AnnotationEditor';
import { selectors } from './selectors';

test('an annotation can show only the normative milestones', async () => {
  const onChange = jest.fn();
  render(
    <AnnotationEditor
      query={{ refId: 'Anno', subject: 'annotazioni', version: 1, include: ['normativa', 'caricamento'] }}
      onChange={onChange}
      onRunQuery={jest.fn()}
      datasource={new DataSource(instanceSettings())}
    />
  );
  expect(screen.getByText('Tappe normative')).toBeInTheDocument();
  // The second chip's remove button: "Caricamenti dei dati".
  await userEvent.click(screen.getAllByRole('button', { name: 'Remove' })[1]);
  expect(onChange).toHaveBeenLastCalledWith({
    refId: 'Anno',
    subject: 'annotazioni',
    version: 1,
    include: ['normativa'],
  });
  expect(screen.getByLabelText(selectors.annotationEditor.include.label)).toBeInTheDocument();
});
